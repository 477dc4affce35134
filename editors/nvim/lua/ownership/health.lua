-- :checkhealth ownership — Neovim version, the server binary, the compilation database, attached clients.
local M = {}

-- vim.health.start/ok/... (0.10+), vim.health.report_* (0.8-0.9), require('health').report_* (0.7).
local function reporter(new, old)
  local vh = vim.health or {}
  local f = vh[new] or vh[old]
  if f then return f end
  return require('health')[old]
end
local start = reporter('start', 'report_start')
local ok = reporter('ok', 'report_ok')
local warn = reporter('warn', 'report_warn')
local err = reporter('error', 'report_error')
local info = reporter('info', 'report_info')

function M.check()
  local config = require('ownership.config')
  local ownership = require('ownership')
  start('ownership.nvim')
  local v = vim.version()
  local vs = ('%d.%d.%d'):format(v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.7') == 1 then
    ok('Neovim ' .. vs .. (ownership.has_lsp_config and ' (configured through vim.lsp.config / lsp/ownership.lua)' or ''))
  else
    err('Neovim ' .. vs .. ': 0.7 or newer is needed')
  end

  start('ownership-lsp server')
  local buf = vim.api.nvim_get_current_buf()
  local name = vim.api.nvim_buf_get_name(buf)
  local root = config.find_root(name ~= '' and name or (vim.fn.getcwd() .. '/x'))
  local cmd, tried = config.find_server(root)
  if not cmd then
    err('server not found (tried: ' .. table.concat(tried, ', ') .. ')', {
      'Build it in the ownership-lsp checkout: scripts/build.sh (produces build/ownership-lsp)',
      "Then: vim.g.ownership_server_path = '/path/to/ownership-lsp', or put it on PATH",
    })
  else
    local out = vim.fn.system({ cmd[1], '--version' })
    if vim.v.shell_error == 0 then
      ok('server: ' .. table.concat(cmd, ' ') .. ' (' .. vim.trim(out) .. ')')
    else
      err('server ' .. cmd[1] .. ' --version failed: ' .. vim.trim(out))
    end
  end

  start('project')
  local o = config.options
  if o.compile_commands_dir and o.compile_commands_dir ~= '' then
    local f = vim.fn.expand(o.compile_commands_dir) .. '/compile_commands.json'
    if vim.fn.filereadable(f) == 1 then ok('compile_commands.json: ' .. f) else warn('compile_commands_dir has no compile_commands.json: ' .. f) end
  else
    local found = vim.fn.findfile('compile_commands.json', vim.fn.fnamemodify(root, ':p') .. ';')
    local flags = vim.fn.findfile('compile_flags.txt', vim.fn.fnamemodify(root, ':p') .. ';')
    if found ~= '' then
      ok('compile_commands.json: ' .. vim.fn.fnamemodify(found, ':p'))
    elseif flags ~= '' then
      ok('compile_flags.txt: ' .. vim.fn.fnamemodify(flags, ':p'))
    else
      info('no compilation database above ' .. root .. ': files use fallback flags ' .. table.concat(o.fallback_flags or {}, ' '))
    end
  end

  start('clients')
  local clients = ownership.clients()
  if #clients == 0 then
    info('no ownership-lsp client running (open a C or C++ file)')
  end
  for _, c in ipairs(clients) do
    local attached = vim.lsp.buf_is_attached(buf, c.id) and ', attached to this buffer' or ''
    ok(('client %d, root %s%s'):format(c.id, tostring(c.config.root_dir), attached))
  end
end

return M
