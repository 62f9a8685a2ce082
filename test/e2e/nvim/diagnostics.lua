-- Neovim 0.7 as a second, independent LSP client of our language server (no vim.lsp.start in 0.7).
-- Environment: SMS_SERVER (dist/server.js), SMS_FILE (document to open), SMS_WAIT_FOR_CODE (optional:
-- keep waiting until a diagnostic with this code arrives), SMS_TIMEOUT_MS (default 15000).
-- Prints one JSON object per line on stdout: {"kind":"diagnostic",...} for each diagnostic of the buffer,
-- then {"kind":"done","timedOut":bool}. Exits 0 after "done", 1 if the client could not be set up.

local function emit(object)
  io.stdout:write(vim.fn.json_encode(object) .. '\n')
end

local function fail(message)
  emit({ kind = 'error', message = message })
  vim.cmd('cquit! 1')
end

local server, file = os.getenv('SMS_SERVER'), os.getenv('SMS_FILE')
if not server or not file then
  fail('SMS_SERVER and SMS_FILE must be set')
end
local want_code = os.getenv('SMS_WAIT_FOR_CODE')
local timeout_ms = tonumber(os.getenv('SMS_TIMEOUT_MS') or '15000')

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
-- The filetype becomes the didOpen languageId; -u NONE does no detection, so set the language id here.
vim.bo[buf].filetype = 'sms-schedule'

local client_id = vim.lsp.start_client({
  name = 'sms-schedule',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  on_exit = function(code, signal)
    if code ~= 0 then
      emit({ kind = 'server-exit', code = code, signal = signal })
    end
  end,
})
if not client_id then
  fail('vim.lsp.start_client failed for ' .. server)
end
if not vim.lsp.buf_attach_client(buf, client_id) then
  fail('vim.lsp.buf_attach_client failed')
end

local function arrived()
  local diagnostics = vim.diagnostic.get(buf)
  if want_code == nil then
    return #diagnostics > 0
  end
  for _, d in ipairs(diagnostics) do
    if d.code == want_code then
      return true
    end
  end
  return false
end

local ok = vim.wait(timeout_ms, arrived, 50)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  emit({
    kind = 'diagnostic',
    code = d.code or vim.NIL,
    severity = vim.diagnostic.severity[d.severity],
    source = d.source or vim.NIL,
    message = d.message,
    line = d.lnum,
    col = d.col,
  })
end
emit({ kind = 'done', timedOut = not ok })
vim.lsp.stop_client(client_id)
vim.wait(2000, function()
  return vim.lsp.get_client_by_id(client_id) == nil
end, 20)
vim.cmd('qall!')
