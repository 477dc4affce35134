-- Loads ownership.nvim: commands, and ownership-lsp started for C/C++ buffers without any setup() call.
if vim.g.loaded_ownership then return end
vim.g.loaded_ownership = true
if vim.fn.has('nvim-0.7') == 0 then
  vim.api.nvim_echo({ { 'ownership.nvim needs Neovim 0.7 or newer', 'WarningMsg' } }, true, {})
  return
end

local config = require('ownership.config')
config.set() -- picks up vim.g.ownership = { ... } if the user set it

vim.api.nvim_create_user_command('OwnershipRestart', function()
  require('ownership').restart()
end, { desc = 'Restart the ownership-lsp server' })

vim.api.nvim_create_user_command('OwnershipState', function()
  require('ownership').show_state()
end, { desc = 'Show the ownership state of the variable under the cursor' })

vim.api.nvim_create_user_command('OwnershipBorrows', function()
  require('ownership').show_borrows()
end, { desc = 'Highlight the borrows of the variable under the cursor (until the cursor moves)' })

local group = vim.api.nvim_create_augroup('ownership', { clear = true })

local function autostart(bufnr)
  if config.options.autostart == false then return end
  require('ownership').start(bufnr)
end

local ownership = require('ownership')
if ownership.has_lsp_config and config.find_server(nil) then
  -- Neovim 0.11+: lsp/ownership.lua is the configuration; vim.lsp.enable attaches buffers.
  if config.options.autostart ~= false then vim.lsp.enable('ownership') end
else
  -- Neovim 0.7-0.10 (or no server found yet: start() explains how to build or point to it).
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.options.filetypes,
    callback = function(args) autostart(args.buf) end,
  })
  -- Buffers that already have their filetype (the plugin was loaded lazily).
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(config.options.filetypes, vim.bo[b].filetype) then
      autostart(b)
    end
  end
end
