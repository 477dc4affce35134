-- Neovim 0.11+ configuration data for vim.lsp.config('ownership') / vim.lsp.enable('ownership').
local config = require('ownership.config')
local o = config.options
local settings = config.server_settings(o)
return {
  cmd = config.find_server(nil, o) or { 'ownership-lsp' },
  filetypes = o.filetypes,
  root_markers = o.root_markers,
  init_options = settings,
  settings = { ownership = settings },
  on_attach = function(client, bufnr) require('ownership').on_attach(client, bufnr) end,
}
