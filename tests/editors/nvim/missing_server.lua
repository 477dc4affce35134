-- Neovim side of the editor test's missing-server case: with no server binary, opening a C++ file must tell how to build or point to it.
local out = assert(os.getenv('OWNERSHIP_OBS'))
local messages = {}
vim.notify = function(msg, level) table.insert(messages, { msg = msg, level = level }) end
vim.defer_fn(function() vim.cmd('cquit 3') end, 20000)
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(assert(os.getenv('OWNERSHIP_FILE'))))
  vim.wait(2000, function() return #messages > 0 end, 20)
end)
local f = io.open(out, 'w')
f:write(vim.fn.json_encode({ messages = messages, error = not ok and tostring(err) or nil, clients = #require('ownership').clients() }))
f:close()
vim.cmd('cquit 0')
