-- Minimal Neovim init for the editor test: the project's own plugin (editors/nvim) on the runtimepath, nothing else.
local repo = assert(os.getenv('OWNERSHIP_REPO'), 'OWNERSHIP_REPO is not set')
vim.opt.runtimepath:prepend(repo .. '/editors/nvim')
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.g.ownership_server_path = assert(os.getenv('OWNERSHIP_LSP'), 'OWNERSHIP_LSP is not set')
vim.cmd('filetype plugin indent on')
