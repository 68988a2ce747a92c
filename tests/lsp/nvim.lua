-- tests/lsp/nvim.lua: Neovim 0.7's own LSP client against kgbuild lsp.
-- Run headless from a fact base holding facts/zz.yaml (tests/t/59-lsp.t):
--   KG=/path/to/kgbuild nvim --headless -u NONE -c 'luafile nvim.lua'
-- Each check writes "PASS name" or "FAIL name: why" to standard output.
local kg = os.getenv("KG")
local function say(s) io.stdout:write(s .. "\n") end
local function check(name, cond, why)
  if cond then say("PASS " .. name) else say("FAIL " .. name .. ": " .. vim.inspect(why)) end
end

local client = vim.lsp.start_client({ cmd = { kg, "lsp" }, root_dir = vim.fn.getcwd() })
check("nvim: the client starts", client ~= nil, client)
vim.cmd("edit facts/zz.yaml")
vim.lsp.buf_attach_client(0, client)
local uri = vim.uri_from_bufnr(0)

-- The diagnostic of the misspelt post, at LSP's (UTF-16) column.
vim.wait(10000, function() return #vim.diagnostic.get(0) >= 2 end, 50)
local diags = vim.diagnostic.get(0)
table.sort(diags, function(a, b) return a.lnum < b.lnum end)
local post = diags[2] or {}
check("nvim: diagnostic of the misspelt reference",
  #diags == 2 and post.lnum == 4 and post.col == 11 and
  (post.message or ""):find("unknown post 'mofa%-cyber%-digital%-affairs%-coordinatr'") ~= nil,
  diags)
local org = diags[1] or {}
-- Line 4 has 李华 and U+1F600 before the value: the server says where in
-- UTF-16 code units, and Neovim turns that into the byte column of the
-- value in its buffer (a wrong conversion lands elsewhere).
local line4 = vim.api.nvim_buf_get_lines(0, 3, 4, false)[1]
local byte = line4:find("cyber-digital-affairs-offic", 1, true) - 1
check("nvim: UTF-16 column after CJK and a non-BMP character",
  org.lnum == 3 and org.col == byte and
  org.end_col == byte + #"cyber-digital-affairs-offic", { org.col, org.end_col, byte })

local function request(method, params)
  local res = vim.lsp.buf_request_sync(0, method, params, 5000)
  for _, r in pairs(res or {}) do return r.result, r.err end
end

-- Completion after `holds: ` on line 5: posts only.
local result = request("textDocument/completion",
  { textDocument = { uri = uri }, position = { line = 4, character = 11 } })
local labels = {}
for _, item in ipairs((result or {}).items or {}) do labels[item.label] = true end
check("nvim: completion after holds: offers posts only",
  labels["mofa-cyber-digital-affairs-coordinator"] and not labels["wang-lei"], labels)

-- Definition of the source cited on line 6.
local def = request("textDocument/definition",
  { textDocument = { uri = uri }, position = { line = 5, character = 14 } })
check("nvim: definition of a source in another file",
  def and def.uri and def.uri:find("facts/sources.yaml$") ~= nil and
  def.range.start.line == 5, def)

-- Fix the typo: Neovim sends didChange; the diagnostic goes.
vim.api.nvim_buf_set_lines(0, 4, 5, false, { "    holds: mofa-cyber-digital-affairs-coordinator" })
vim.wait(10000, function() return #vim.diagnostic.get(0) == 1 end, 50)
check("nvim: didChange re-checks; the fixed reference is no longer reported",
  #vim.diagnostic.get(0) == 1, vim.diagnostic.get(0))

-- Rename the post across files, applied by Neovim itself.
local edit, err = request("textDocument/rename",
  { textDocument = { uri = uri }, position = { line = 4, character = 14 }, newName = "mofa-cyber-coordinator" })
check("nvim: rename answers a workspace edit", edit and edit.changes, err or edit)
if edit then vim.lsp.util.apply_workspace_edit(edit, "utf-16") end
local line = vim.api.nvim_buf_get_lines(0, 4, 5, false)[1]
local posts = vim.fn.bufnr(vim.fn.fnamemodify("facts/posts.yaml", ":p"))
local text = posts > 0 and table.concat(vim.api.nvim_buf_get_lines(posts, 0, -1, false), "\n") or ""
check("nvim: rename applied in the open buffer and in posts.yaml",
  line == "    holds: mofa-cyber-coordinator" and
  text:find("id: mofa%-cyber%-coordinator\n") ~= nil and
  text:find("mofa%-cyber%-digital%-affairs%-coordinator") == nil, { line, posts })

vim.lsp.stop_client(client)
vim.wait(3000, function() return vim.lsp.client_is_stopped(client) end, 50)
say("DONE")
vim.cmd("qa!")
