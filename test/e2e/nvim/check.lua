-- Drives the STAR Stories language server from headless Neovim (0.7+), the
-- way an init.lua from the README does, and writes what arrived as JSON.
-- Run by scripts/e2e/nvim.mjs:
--   nvim --headless --clean -S test/e2e/nvim/check.lua
-- with STAR_NVIM_NODE, STAR_NVIM_SERVER, STAR_NVIM_ROOT, STAR_NVIM_FILE,
-- STAR_NVIM_OUT in the environment. Exits 0 when diagnostics arrived, 1 if not.

local node = os.getenv('STAR_NVIM_NODE') or 'node'
local server = os.getenv('STAR_NVIM_SERVER')
local root = os.getenv('STAR_NVIM_ROOT')
local file = os.getenv('STAR_NVIM_FILE')
local out = os.getenv('STAR_NVIM_OUT')
local wait_ms = tonumber(os.getenv('STAR_NVIM_WAIT_MS') or '20000')

local result = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) }

local function finish(ok)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  if ok then vim.cmd('qall!') else vim.cmd('cquit 1') end
end

local ok_run, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'star-stories',
    cmd = { node, server, '--stdio' },
    root_dir = root,
    settings = { starStories = { coverage = { target = 2 } } },
  })
  if not client_id then error('vim.lsp.start_client returned nil') end
  result.client_id = client_id

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)

  -- wait until both faults of the story are reported (or the time runs out)
  local function codes()
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do seen[tostring(d.code)] = true end
    return seen
  end
  result.arrived = vim.wait(wait_ms, function()
    local seen = codes()
    return seen['missing-section'] and seen['unknown-principle']
  end, 50)

  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, source = d.source, message = d.message,
    })
  end

  local client = vim.lsp.get_client_by_id(client_id)

  -- the quick fixes for the unknown principle, asked like the light bulb does
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'unknown-principle' then
      local lsp_diag = {
        range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
        message = d.message, code = d.code, source = d.source, severity = d.severity,
        data = d.user_data and d.user_data.lsp and d.user_data.lsp.data or nil,
      }
      local res = client.request_sync('textDocument/codeAction', {
        textDocument = { uri = vim.uri_from_bufnr(buf) },
        range = lsp_diag.range,
        context = { diagnostics = { lsp_diag } },
      }, 10000, buf)
      result.code_actions = {}
      if res and res.result then
        for _, a in ipairs(res.result) do table.insert(result.code_actions, a.title) end
      end
    end
  end

  -- a custom request of the protocol
  local cov = client.request_sync('starStories/coverage', vim.NIL, 10000, buf)
  if cov and cov.result then result.coverage = { covered = cov.result.covered, total = cov.result.total } end

  client.stop()
end)

if not ok_run then result.error = tostring(err) end
finish(ok_run and result.arrived)
