-- Options of the ownership.nvim plugin (defaults, setup() overrides, vim.g.ownership) and where the server binary is.
local M = {}

M.defaults = {
  cmd = nil, -- full command, e.g. { '/path/to/ownership-lsp' }; nil: looked up (see M.find_server)
  extra_args = {}, -- appended to the command, e.g. { '--log=verbose' }
  filetypes = { 'c', 'cpp' },
  root_markers = { 'compile_commands.json', 'compile_flags.txt', '.git' },
  compile_commands_dir = nil, -- directory of compile_commands.json; nil: the server walks up from each file
  fallback_flags = { '-std=c++20' },
  severity = {}, -- per code: 'error' | 'warning' | 'information' | 'hint' | 'off'
  inlay_hints = true,
  -- Borrows of the variable under the cursor (textDocument/documentHighlight), drawn on
  -- CursorHold/CursorHoldI and cleared on CursorMoved; only when the server supports it.
  borrow_highlights = true,
  debounce_ms = nil,
  autostart = true, -- start for C/C++ buffers without any setup() call
}

M.options = vim.deepcopy(M.defaults)

-- Options come from, in order of precedence: setup(opts), vim.g.ownership, the defaults.
function M.set(opts)
  local from_g = type(vim.g.ownership) == 'table' and vim.g.ownership or {}
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), from_g, opts or {})
  return M.options
end

-- The settings the server reads: initializationOptions, and under `ownership` in
-- workspace/configuration and workspace/didChangeConfiguration.
function M.server_settings(o)
  o = o or M.options
  local s = {
    fallbackFlags = o.fallback_flags,
    severity = vim.tbl_isempty(o.severity or {}) and vim.empty_dict() or o.severity,
    inlayHints = o.inlay_hints,
  }
  if o.compile_commands_dir and o.compile_commands_dir ~= '' then
    s.compileCommandsDir = vim.fn.fnamemodify(vim.fn.expand(o.compile_commands_dir), ':p')
  end
  if o.debounce_ms then s.debounceMs = o.debounce_ms end
  return s
end

local function executable(p)
  return p and p ~= '' and vim.fn.executable(p) == 1
end

-- This file is <checkout>/editors/nvim/lua/ownership/config.lua: the checkout's build/ is a fallback.
local function checkout_build()
  local here = debug.getinfo(1, 'S').source:sub(2)
  local root = vim.fn.fnamemodify(here, ':p:h:h:h:h:h')
  return root .. '/build/ownership-lsp'
end

-- Returns the server command (a list) or nil, and the places that were tried.
function M.find_server(root_dir, o)
  o = o or M.options
  local tried = {}
  local function try(p)
    table.insert(tried, p)
    if executable(p) then return vim.fn.exepath(p) ~= '' and vim.fn.exepath(p) or p end
  end
  local function with_args(bin)
    local cmd = { bin }
    vim.list_extend(cmd, o.extra_args or {})
    return cmd
  end
  if o.cmd then
    local cmd = type(o.cmd) == 'string' and { o.cmd } or vim.deepcopy(o.cmd)
    local bin = try(vim.fn.expand(cmd[1]))
    if not bin then return nil, tried end
    cmd[1] = bin
    vim.list_extend(cmd, o.extra_args or {})
    return cmd, tried
  end
  local candidates = {}
  if vim.g.ownership_server_path and vim.g.ownership_server_path ~= '' then
    table.insert(candidates, vim.fn.expand(vim.g.ownership_server_path))
  else
    if vim.env.OWNERSHIP_LSP and vim.env.OWNERSHIP_LSP ~= '' then table.insert(candidates, vim.env.OWNERSHIP_LSP) end
    table.insert(candidates, 'ownership-lsp')
    if root_dir then table.insert(candidates, root_dir .. '/build/ownership-lsp') end
    table.insert(candidates, checkout_build())
  end
  for _, p in ipairs(candidates) do
    local bin = try(p)
    if bin then return with_args(bin), tried end
  end
  return nil, tried
end

M.missing_message = function(tried)
  return 'ownership.nvim: the ownership-lsp server was not found (tried: ' .. table.concat(tried, ', ') .. ').\n'
    .. 'Build it in the ownership-lsp checkout with scripts/build.sh (it produces build/ownership-lsp), then point to it:\n'
    .. "  vim.g.ownership_server_path = '/path/to/ownership-lsp'   (or put it on PATH,\n"
    .. "  or require('ownership').setup({ cmd = { '/path/to/ownership-lsp' } }))"
end

-- Nearest directory above `path` holding one of the markers (Neovim 0.7 has no vim.fs).
function M.find_root(path, markers)
  markers = markers or M.options.root_markers
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while true do
    for _, m in ipairs(markers) do
      local p = dir .. '/' .. m
      if vim.fn.filereadable(p) == 1 or vim.fn.isdirectory(p) == 1 then return dir end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then return vim.fn.fnamemodify(path, ':p:h') end
    dir = parent
  end
end

return M
