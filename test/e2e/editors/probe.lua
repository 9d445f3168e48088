-- Run by test/e2e/editors.test.ts in headless Neovim: waits for the diagnostics of the current
-- buffer, asks for a hover (line 10) and a completion (line 15), writes them as JSON to $PROBE_OUT.
local out = vim.env.PROBE_OUT
local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local result = { diagnostics = {}, waited = ok }
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(result.diagnostics, { line = d.lnum + 1, col = d.col + 1, severity = d.severity, message = d.message })
end
local uri = vim.uri_from_bufnr(0)
local hover = vim.lsp.buf_request_sync(0, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = 9, character = 2 } }, 10000) or {}
for _, r in pairs(hover) do if r.result then result.hover = r.result.contents end end
local completion = vim.lsp.buf_request_sync(0, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = 14, character = 0 } }, 10000) or {}
result.completion = {}
for _, r in pairs(completion) do
  local items = r.result and (r.result.items or r.result) or {}
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end
end
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.cmd('qa!')
