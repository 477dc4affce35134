-- ownership.nvim: starts ownership-lsp for C/C++ buffers (Neovim 0.7+; on 0.11+ through vim.lsp.config), restarts it, shows the ownership state at the cursor and the borrows of the variable under it.
local config = require('ownership.config')

local M = {}
local NAME = 'ownership'
local warned_missing = false

local has_lsp_config = vim.fn.has('nvim-0.11') == 1 and type(vim.lsp.config) == 'table' and vim.lsp.enable ~= nil

-- Client methods: `client:method()` from 0.11 on (the dot form is deprecated there), `client.method()` before.
local function call(client, method, ...)
  if vim.fn.has('nvim-0.11') == 1 then return client[method](client, ...) end
  return client[method](...)
end
M.call = call

local function notify(msg, level)
  vim.notify(msg, level or vim.log.levels.INFO, { title = 'ownership' })
end

function M.clients(bufnr)
  local out = {}
  local all
  if vim.lsp.get_clients then
    all = vim.lsp.get_clients({ name = NAME, bufnr = bufnr })
  elseif bufnr then
    all = vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
  else
    all = vim.lsp.get_active_clients()
  end
  for _, c in ipairs(all) do
    if c.name == NAME then table.insert(out, c) end
  end
  return out
end

-- The client configuration shared by every Neovim version (lsp/ownership.lua returns the same data).
function M.client_config(root_dir)
  local o = config.options
  local cmd = config.find_server(root_dir, o)
  local settings = config.server_settings(o)
  return {
    name = NAME,
    cmd = cmd,
    filetypes = o.filetypes,
    root_markers = o.root_markers,
    root_dir = root_dir,
    init_options = settings,
    settings = { ownership = settings },
    on_attach = function(client, bufnr) M.on_attach(client, bufnr) end,
  }
end

local function warn_missing(tried)
  if warned_missing then return end
  warned_missing = true
  notify(config.missing_message(tried), vim.log.levels.WARN)
end

-- Starts (or reuses) the client for this buffer's project and attaches the buffer.
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  if vim.bo[bufnr].buftype ~= '' then return nil end
  local root = config.find_root(name ~= '' and name or vim.fn.getcwd() .. '/x', config.options.root_markers)
  local cfg = M.client_config(root)
  if not cfg.cmd then
    local _, tried = config.find_server(root)
    warn_missing(tried)
    return nil
  end
  if has_lsp_config then
    local merged = vim.tbl_deep_extend('force', vim.lsp.config[NAME] or {}, { cmd = cfg.cmd, root_dir = root })
    return vim.lsp.start(merged, { bufnr = bufnr })
  end
  for _, c in ipairs(M.clients()) do
    if c.config.root_dir == root and not call(c, 'is_stopped') then
      vim.lsp.buf_attach_client(bufnr, c.id)
      return c.id
    end
  end
  local id = vim.lsp.start_client(cfg)
  if id then vim.lsp.buf_attach_client(bufnr, id) end
  return id
end

-- Stops every ownership client and starts it again for the buffers that had it.
function M.restart()
  local bufs = {}
  local clients = M.clients()
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    for _, c in ipairs(clients) do
      if vim.api.nvim_buf_is_loaded(b) and vim.lsp.buf_is_attached(b, c.id) then bufs[b] = true end
    end
  end
  if vim.tbl_isempty(bufs) then
    local b = vim.api.nvim_get_current_buf()
    if vim.tbl_contains(config.options.filetypes, vim.bo[b].filetype) then bufs[b] = true end
  end
  for _, c in ipairs(clients) do call(c, 'stop') end
  vim.wait(3000, function()
    for _, c in ipairs(clients) do
      if not call(c, 'is_stopped') then return false end
    end
    return true
  end, 20)
  for _, c in ipairs(clients) do
    if not call(c, 'is_stopped') then call(c, 'stop', true) end
  end
  warned_missing = false
  local started = 0
  for b in pairs(bufs) do
    if vim.api.nvim_buf_is_loaded(b) and M.start(b) then started = started + 1 end
  end
  notify(('ownership-lsp restarted (%d buffer%s)'):format(started, started == 1 and '' or 's'))
end

-- Whether the server answers textDocument/documentHighlight (0.7 keeps resolved_capabilities).
local function supports_highlights(client)
  local caps = client.server_capabilities or {}
  if caps.documentHighlightProvider then return true end
  return client.resolved_capabilities ~= nil and client.resolved_capabilities.document_highlight == true
end
M.supports_highlights = supports_highlights

-- Default colours for the three kinds, unless the colour scheme has its own: a borrow taken or
-- a conflicting mutation (Write), a live use of a borrow (Read), another mention (Text).
local function default_highlight_groups()
  vim.cmd('highlight default link LspReferenceText Visual')
  vim.cmd('highlight default link LspReferenceRead DiffChange')
  vim.cmd('highlight default link LspReferenceWrite DiffDelete')
end

-- Per buffer: draw the borrows of the variable under the cursor when it rests, clear them when
-- it moves (the editor's CursorHold waits 'updatetime').
function M.enable_borrow_highlights(bufnr, client)
  if not (config.options.borrow_highlights and supports_highlights(client)) then return false end
  default_highlight_groups()
  local group = vim.api.nvim_create_augroup('ownership_borrows_' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd({ 'CursorHold', 'CursorHoldI' }, {
    group = group,
    buffer = bufnr,
    callback = function() vim.lsp.buf.document_highlight() end,
  })
  vim.api.nvim_create_autocmd({ 'CursorMoved', 'CursorMovedI', 'BufLeave' }, {
    group = group,
    buffer = bufnr,
    callback = function() vim.lsp.buf.clear_references() end,
  })
  return true
end

function M.on_attach(client, bufnr)
  local o = config.options
  if o.inlay_hints and vim.lsp.inlay_hint and vim.lsp.inlay_hint.enable then
    pcall(vim.lsp.inlay_hint.enable, true, { bufnr = bufnr })
  end
  M.enable_borrow_highlights(bufnr, client)
end

-- Draws the borrows of the variable under the cursor now (:OwnershipBorrows); they go away when
-- the cursor moves. `on_done(highlights)` is called with the server's answer (the tests use it).
function M.show_borrows(on_done)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.clients(bufnr)[1]
  if not client then
    notify('ownership-lsp is not attached to this buffer (see :checkhealth ownership)', vim.log.levels.WARN)
    if on_done then on_done(nil) end
    return
  end
  if not supports_highlights(client) then
    notify('this ownership-lsp does not answer textDocument/documentHighlight; update it', vim.log.levels.WARN)
    if on_done then on_done(nil) end
    return
  end
  default_highlight_groups()
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  call(client, 'request', 'textDocument/documentHighlight', params, function(err, result)
    if err then
      notify('ownership: documentHighlight failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      if on_done then on_done(nil) end
      return
    end
    vim.lsp.util.buf_clear_references(bufnr)
    if result and #result > 0 then
      vim.lsp.util.buf_highlight_references(bufnr, result, client.offset_encoding)
    else
      notify('ownership: no tracked variable under the cursor')
    end
    if on_done then on_done(result or {}) end
  end, bufnr)
end

local function hover_markdown(result)
  if not (result and result.contents) then return '' end
  local c = result.contents
  if type(c) == 'string' then return c end
  if c.value then return c.value end
  local parts = {}
  for _, p in ipairs(c) do table.insert(parts, type(p) == 'string' and p or p.value or '') end
  return table.concat(parts, '\n\n')
end

-- Asks the server for textDocument/hover at the cursor and shows the Markdown in a floating
-- window. `on_done(markdown, winid)` is called afterwards (the tests use it).
function M.show_state(on_done)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.clients(bufnr)[1]
  if not client then
    notify('ownership-lsp is not attached to this buffer (see :checkhealth ownership)', vim.log.levels.WARN)
    if on_done then on_done(nil, nil) end
    return
  end
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  call(client, 'request', 'textDocument/hover', params, function(err, result)
    if err then
      notify('ownership: hover failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      if on_done then on_done(nil, nil) end
      return
    end
    local md = hover_markdown(result)
    if md == '' then
      notify('ownership: nothing tracked under the cursor')
      if on_done then on_done('', nil) end
      return
    end
    local lines = vim.split(md, '\n', { plain = true })
    if vim.lsp.util.trim_empty_lines then lines = vim.lsp.util.trim_empty_lines(lines) end
    local _, win = vim.lsp.util.open_floating_preview(lines, 'markdown', {
      border = 'rounded',
      focus_id = 'ownership_state',
      max_width = 100,
    })
    if on_done then on_done(md, win) end
  end, bufnr)
end

-- Optional: change options. Running clients get the new settings (workspace/didChangeConfiguration).
function M.setup(opts)
  config.set(opts)
  if has_lsp_config then
    vim.lsp.config(NAME, {
      init_options = config.server_settings(),
      settings = { ownership = config.server_settings() },
      filetypes = config.options.filetypes,
      root_markers = config.options.root_markers,
    })
  end
  for _, c in ipairs(M.clients()) do
    c.config.settings = { ownership = config.server_settings() }
    call(c, 'notify', 'workspace/didChangeConfiguration', { settings = c.config.settings })
    -- borrow_highlights on or off for the buffers already attached.
    for _, b in ipairs(vim.lsp.get_buffers_by_client_id(c.id)) do
      if not M.enable_borrow_highlights(b, c) then
        pcall(vim.api.nvim_del_augroup_by_name, 'ownership_borrows_' .. b)
        vim.lsp.util.buf_clear_references(b)
      end
    end
  end
  return M
end

M.has_lsp_config = has_lsp_config
return M
