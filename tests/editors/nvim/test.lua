-- Neovim side of the editor test: opens the demo through the real plugin, observes diagnostics, hover, :OwnershipState, code action, apply and re-check, and writes them as JSON for nvim_test.js.
local out = assert(os.getenv('OWNERSHIP_OBS'), 'OWNERSHIP_OBS is not set')
local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(assert(os.getenv('OWNERSHIP_PLAN'))), '\n'))
local timeout = tonumber(os.getenv('OWNERSHIP_TEST_TIMEOUT_MS') or '60000')
local obs = { log = {} }

local function finish(status)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(obs))
  f:close()
  vim.cmd('cquit ' .. status)
end

-- A hung server must fail the test, not hang it.
vim.defer_fn(function()
  obs.error = 'hard timeout in test.lua'
  finish(3)
end, 3 * timeout)

local function log(s) table.insert(obs.log, s) end

local function observe(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    local related = {}
    for _, r in ipairs(lsp.relatedInformation or {}) do
      table.insert(related, { message = r.message, line = r.location.range.start.line, character = r.location.range.start.character })
    end
    table.insert(list, {
      code = d.code or lsp.code,
      href = lsp.codeDescription and lsp.codeDescription.href or nil,
      source = d.source,
      severity = d.severity, -- vim.diagnostic.severity: 1 ERROR .. 4 HINT, as in LSP
      message = d.message,
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
      related = related,
    })
  end
  return list
end

-- The LSP diagnostic back from vim.diagnostic (0.7 keeps no LSP range in user_data: rebuild it).
local function to_lsp(d)
  local lsp = (d.user_data and d.user_data.lsp) or {}
  return vim.tbl_extend('keep', {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = d.code,
  }, lsp)
end

local ownership
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(plan.file))
  local buf = vim.api.nvim_get_current_buf()
  obs.filetype = vim.bo[buf].filetype
  ownership = require('ownership')
  assert(vim.wait(timeout, function() return #ownership.clients(buf) > 0 end, 20), 'the plugin attached no ownership client')
  local client = ownership.clients(buf)[1]
  obs.client_name = client.name
  assert(vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 20), 'no diagnostics arrived')
  vim.wait(300)
  obs.diagnostics = observe(buf)

  obs.hovers = {}
  for _, p in ipairs(plan.hovers) do
    local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = p }
    local res = ownership.call(client, 'request_sync', 'textDocument/hover', params, timeout, buf)
    local c = res and res.result and res.result.contents
    table.insert(obs.hovers, type(c) == 'table' and (c.value or '') or (c or ''))
  end

  -- :OwnershipState at the first hover position: a floating window with the Markdown.
  vim.api.nvim_win_set_cursor(0, { plan.hovers[1].line + 1, plan.hovers[1].character })
  local shown, winid
  ownership.show_state(function(md, w) shown, winid = md or '', w end)
  assert(vim.wait(timeout, function() return shown ~= nil end, 20), ':OwnershipState showed nothing')
  if winid and vim.api.nvim_win_is_valid(winid) then
    local fbuf = vim.api.nvim_win_get_buf(winid)
    obs.stateCommand = table.concat(vim.api.nvim_buf_get_lines(fbuf, 0, -1, false), '\n')
    obs.stateFloat = vim.api.nvim_win_get_config(winid).relative ~= ''
    vim.api.nvim_win_close(winid, true)
  else
    obs.stateCommand = shown
  end
  -- The user command exists and runs.
  obs.commands = {
    restart = vim.fn.exists(':OwnershipRestart') == 2,
    state = vim.fn.exists(':OwnershipState') == 2,
    borrows = vim.fn.exists(':OwnershipBorrows') == 2,
  }

  -- Borrows: the plugin's CursorHold autocommand asks for documentHighlight and draws it; the
  -- drawn ranges are read back from the buffer (the namespace vim.lsp.util draws them in).
  obs.borrowAutocmd = ownership.supports_highlights(client) and #vim.api.nvim_get_autocmds({
    group = 'ownership_borrows_' .. buf, event = 'CursorHold' }) > 0
  local refs = vim.api.nvim_create_namespace('vim_lsp_references')
  vim.api.nvim_win_set_cursor(0, { plan.borrow.line + 1, plan.borrow.character })
  vim.cmd('doautocmd <nomodeline> CursorHold')
  vim.wait(timeout, function() return #vim.api.nvim_buf_get_extmarks(buf, refs, 0, -1, {}) > 0 end, 20)
  obs.highlights = {}
  for _, m in ipairs(vim.api.nvim_buf_get_extmarks(buf, refs, 0, -1, { details = true })) do
    local group = m[4] and m[4].hl_group or ''
    local kind = ({ LspReferenceText = 1, LspReferenceRead = 2, LspReferenceWrite = 3 })[group]
    table.insert(obs.highlights, { kind = kind, line = m[2], character = m[3] })
  end
  -- Moving the cursor clears them; :OwnershipBorrows draws them again.
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.cmd('doautocmd <nomodeline> CursorMoved')
  obs.highlightsCleared = #vim.api.nvim_buf_get_extmarks(buf, refs, 0, -1, {}) == 0
  vim.api.nvim_win_set_cursor(0, { plan.borrow.line + 1, plan.borrow.character })
  local drawn
  ownership.show_borrows(function(r) drawn = r end)
  vim.wait(timeout, function() return drawn ~= nil end, 20)
  obs.borrowsCommand = drawn ~= nil and #drawn > 0 and #vim.api.nvim_buf_get_extmarks(buf, refs, 0, -1, {}) > 0
  vim.lsp.util.buf_clear_references(buf)

  local lines = vim.api.nvim_buf_line_count(buf)
  local hints = ownership.call(client, 'request_sync', 'textDocument/inlayHint', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = lines, character = 0 } },
  }, timeout, buf)
  obs.inlayHints = {}
  for _, h in ipairs((hints and hints.result) or {}) do
    if type(h.label) == 'string' then
      table.insert(obs.inlayHints, h.label)
    else
      local parts = {}
      for _, p in ipairs(h.label) do table.insert(parts, p.value) end
      table.insert(obs.inlayHints, table.concat(parts))
    end
  end

  -- Code action for the diagnostic under the fix position, then apply it.
  local target
  for _, d in ipairs(vim.diagnostic.get(buf, { lnum = plan.fix.line })) do
    if d.code == plan.fix.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == plan.fix.code) then target = d end
  end
  assert(target, 'no diagnostic to fix on line ' .. (plan.fix.line + 1))
  local ld = to_lsp(target)
  local res = ownership.call(client, 'request_sync', 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = ld.range,
    context = { diagnostics = { ld }, only = { 'quickfix' } },
  }, timeout, buf)
  local actions = (res and res.result) or {}
  obs.actions = {}
  local chosen
  for _, a in ipairs(actions) do
    local codes = {}
    for _, d in ipairs(a.diagnostics or {}) do table.insert(codes, d.code) end
    table.insert(obs.actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred == true, diagnostics = codes, hasEdit = a.edit ~= nil })
    if a.edit and (a.isPreferred or not chosen) then chosen = a end
  end
  assert(chosen, 'no code action with an edit')
  local tick = vim.b[buf].changedtick
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  obs.applied = vim.b[buf].changedtick ~= tick
  obs.textAfter = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')

  -- The server re-checks the edited buffer: the fixed diagnostic disappears.
  local cleared = vim.wait(timeout, function()
    for _, d in ipairs(vim.diagnostic.get(buf, { lnum = plan.fix.line })) do
      if d.code == plan.fix.code then return false end
    end
    return true
  end, 20)
  if not cleared then log('the fixed diagnostic did not clear') end
  vim.wait(300)
  obs.diagnosticsAfter = observe(buf)

  -- :OwnershipRestart brings the server back with diagnostics.
  vim.cmd('OwnershipRestart')
  local restarted = vim.wait(timeout, function()
    local c = ownership.clients(buf)[1]
    return c ~= nil and c.id ~= client.id
      and #vim.diagnostic.get(buf, { namespace = vim.lsp.diagnostic.get_namespace(c.id) }) > 0
  end, 20)
  obs.restarted = restarted

  -- :checkhealth ownership runs and finds the server.
  vim.cmd('checkhealth ownership')
  obs.health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
end)
if not ok then obs.error = tostring(err) end
finish(ok and 0 or 1)
