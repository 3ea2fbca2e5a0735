/**
 * `self.env` KV, D1, R2, vars and secrets from Python: the surface Cloudflare's Python bindings give (keywords as
 * one options object, dicts with attribute access, `JsException` with the binding's message), and every call a
 * step makes journaled with its attempt. One Pyodide for the file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBindingStore, parseEnvDeclaration } from '../engine';
import { createEnvBindings } from './bindings/env-bindings';
import { nodeSql } from './bindings/node-sql';
import { HEADER, ofType, setupPythonRuntime } from './test-runtime';

const python = setupPythonRuntime();

const DECLARED = `{
  // as in wrangler.jsonc
  "kv_namespaces": [{ "binding": "KV", "id": "0f2ac74b498b48028cb68387c421e279" }],
  "d1_databases": [{ "binding": "DB", "database_name": "orders" }],
  "r2_buckets": [{ "binding": "BUCKET", "bucket_name": "files" }],
  "vars": { "API_BASE": "https://api.example.com", "LIMITS": { "max": 3 } },
  "secrets": { "API_KEY": "sk-live-123" },
}`;

function envOptions(store = createMemoryBindingStore()) {
  const parsed = parseEnvDeclaration(DECLARED);
  if (!parsed.ok) throw new Error(parsed.message);
  return {
    env: (now: () => number) => createEnvBindings({ env: parsed.env, store, scope: 'flow', sql: nodeSql, now }),
  };
}

beforeAll(() => nodeSql());

const run = async (body: string) => {
  const source = `${HEADER}import json
from pyodide.ffi import JsException

class Flow(WorkflowEntrypoint):
    async def run(self, event, step):
${body
  .split('\n')
  .map((line) => `        ${line}`)
  .join('\n')}
`;
  return python.runOnce(source, undefined, envOptions());
};

describe('self.env KV from Python', () => {
  it('gets, puts with options as a dict or keywords, lists with a cursor, deletes', async () => {
    const { view } = await run(`
kv = self.env.KV
await kv.put("a:1", json.dumps({"n": 1}), metadata={"by": "ada"})
await kv.put("a:2", "two", {"expirationTtl": 120})
await kv.put("a:3", b"\\x00\\x01", None)
got = await kv.get("a:1", "json")
typed = await kv.get("a:1", type="json")
meta = await kv.getWithMetadata("a:1")
raw = await kv.get("a:3", "arrayBuffer")
page = await kv.list(prefix="a:", limit=2)
rest = await kv.list({"prefix": "a:", "cursor": page["cursor"]})
many = await kv.get(["a:2", "zz"])
await kv.delete("a:2")
return {
    "got": got, "typed": typed.n, "meta": [meta["value"], meta.metadata],
    "raw": [type(raw).__name__, list(raw)],
    "page": [[k["name"] for k in page["keys"]], page["list_complete"]],
    "rest": [k.name for k in rest["keys"]], "ttl": page["keys"][1].get("expiration") is not None,
    "many": many, "after": await kv.get("a:2"), "missing": await kv.get("nope"),
}`);
    expect(view.error).toBeNull();
    expect(view.output).toEqual({
      got: { n: 1 },
      typed: 1,
      meta: ['{"n": 1}', { by: 'ada' }],
      raw: ['memoryview', [0, 1]],
      page: [['a:1', 'a:2'], false],
      rest: ['a:3'],
      ttl: true,
      many: { 'a:2': 'two', zz: null },
      after: null,
      missing: null,
    });
  });

  it("raises JsException with Cloudflare's message, and the binding is neither iterable nor sized", async () => {
    const { view } = await run(`
errors = []
try:
    await self.env.KV.put("k" * 513, "v")
except JsException as exc:
    errors.append(str(exc))
try:
    for _ in self.env.KV:
        pass
except TypeError as exc:
    errors.append(str(exc))
try:
    len(self.env.KV)
except TypeError as exc:
    errors.append(str(exc))
return errors`);
    expect(view.output).toEqual([
      'Error: KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.',
      "'KvNamespace' object is not iterable",
      "'KvNamespace' object has no len()",
    ]);
  });
});

describe('self.env D1 and R2 from Python', () => {
  it('prepares, binds and runs SQL with D1 result shapes, batches, execs, and keeps SQLite errors', async () => {
    const { view } = await run(`
db = self.env.DB
await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, ok INTEGER)")
ins = await db.prepare("INSERT INTO t (name, ok) VALUES (?, ?)").bind("ada", True).run()
await db.batch([db.prepare("INSERT INTO t (name) VALUES (?)").bind(n) for n in ("bob", "cy")])
rows = await db.prepare("SELECT name, ok FROM t ORDER BY id").all()
first = await db.prepare("SELECT name FROM t WHERE id = ?").bind(2).first("name")
none = await db.prepare("SELECT * FROM t WHERE id = ?").bind(99).first()
raw = await db.prepare("SELECT id, name FROM t WHERE id = 1").raw(columnNames=True)
session = db.withSession()
before = session.getBookmark()
count = await session.prepare("SELECT count(*) AS n FROM t").first("n")
try:
    await db.prepare("INVALID SQL GIBBERISH").run()
    err = None
except JsException as exc:
    err = str(exc)
return {
    "ins": [ins["success"], ins.meta["changes"], ins.meta.last_row_id, ins["meta"]["changed_db"]],
    "rows": rows["results"], "first": first, "none": none, "raw": raw,
    "session": [before, count, session.getBookmark() is not None], "err": err,
}`);
    expect(view.error).toBeNull();
    expect(view.output).toEqual({
      ins: [true, 1, 1, true],
      rows: [
        { name: 'ada', ok: 1 },
        { name: 'bob', ok: null },
        { name: 'cy', ok: null },
      ],
      first: 'bob',
      none: null,
      raw: [
        ['id', 'name'],
        [1, 'ada'],
      ],
      session: [null, 3, true],
      err: 'Error: D1_ERROR: near "INVALID": syntax error: SQLITE_ERROR',
    });
  });

  it('puts, gets (body read once), heads, lists and deletes R2 objects; a missing one is None', async () => {
    const { view } = await run(`
b = self.env.BUCKET
put = await b.put("files/a.json", json.dumps({"x": 1}), httpMetadata={"contentType": "application/json"})
obj = await b.get("files/a.json")
parsed = await obj.json()
try:
    await obj.text()
    again = None
except TypeError as exc:
    again = str(exc)
part = await (await b.get("files/a.json", range={"offset": 1, "length": 3})).text()
head = await b.head("files/a.json")
listed = await b.list(prefix="files/")
await b.delete(["files/a.json"])
return {
    "put": [put["key"], put.size, put["httpEtag"].startswith('"'), type(put["uploaded"]).__name__],
    "parsed": parsed, "used": obj["bodyUsed"], "again": again, "part": part,
    "head": head.httpMetadata, "listed": [o.key for o in listed.objects], "truncated": listed["truncated"],
    "missing": [await b.get("files/a.json"), await b.head("files/a.json")],
}`);
    expect(view.error).toBeNull();
    expect(view.output).toEqual({
      put: ['files/a.json', 8, true, 'datetime'],
      parsed: { x: 1 },
      used: true,
      again: 'Body has already been used. It can only be used once. Use tee() first if you need to read it twice.',
      part: '"x"',
      head: { contentType: 'application/json' },
      listed: ['files/a.json'],
      truncated: false,
      missing: [null, null],
    });
  });
});

describe('what Cloudflare code checks of a binding object', () => {
  it('is truthy, a workers.rpc._BindingWrapper (not a callable stub), and R2 does multipart uploads', async () => {
    const { view } = await run(`
from workers import Response
from workers.rpc import _BindingWrapper, _RpcStubWrapper
b = self.env.BUCKET
upload = await b.createMultipartUpload("big", customMetadata={"kind": "parts"})
p1 = await upload.uploadPart(1, "A" * 10)
p2 = await upload.uploadPart(2, b"BB")
done = await upload.complete([p1, p2])
body = await b.get("big")
aborted = await b.createMultipartUpload("gone")
await aborted.uploadPart(1, "x")
await aborted.abort()
statement = self.env.DB.prepare("SELECT 1").bind()
return {
    "truthy": bool(self.env.KV),
    "wrappers": [isinstance(x, _BindingWrapper) and not isinstance(x, _RpcStubWrapper) and not callable(x)
                 for x in (self.env.KV, self.env.DB, statement, b)],
    "upload": [upload["key"], len(upload["uploadId"]) > 0, p1["partNumber"], done.size],
    "custom": (await b.head("big"))["customMetadata"],
    "text": await Response(body.body).text(),
    "aborted": await b.head("gone"),
}`);
    expect(view.error).toBeNull();
    expect(view.output).toEqual({
      truthy: true,
      wrappers: [true, true, true, true],
      upload: ['big', true, 1, 12],
      custom: { kind: 'parts' },
      text: 'AAAAAAAAAABB',
      aborted: null,
    });
  });
});

describe('vars, secrets and the journal', () => {
  it('gives vars and secrets as values, and names the declared bindings for an unknown one', async () => {
    const { view } = await run(`
try:
    self.env.NOPE
    err = None
except AttributeError as exc:
    err = str(exc)
return [self.env.API_BASE, self.env.LIMITS["max"], self.env.API_KEY, err]`);
    expect(view.error).toBeNull();
    expect(view.output).toEqual([
      'https://api.example.com',
      3,
      'sk-live-123',
      expect.stringContaining(
        "env has no binding 'NOPE' (bindings here: FLOW, KV, DB, BUCKET, API_BASE, LIMITS, API_KEY;",
      ),
    ]);
  });

  it("journals a step's binding calls with its attempt, failed ones with their error", async () => {
    const { journal } = await run(`
@step.do("charge", config={"retries": {"limit": 1, "delay": 0}})
async def charge(ctx):
    kv = self.env.KV
    if await kv.get("charged:A-1") is None:
        await kv.put("charged:A-1", "yes")
    if ctx["attempt"] == 1:
        await kv.put("", "bad")
    return await kv.get("charged:A-1")

await self.env.KV.get("outside-steps")
return await charge()`);
    const attempts = [...ofType(journal, 'attempt-failed'), ...ofType(journal, 'step-succeeded')];
    expect(attempts.map((e) => e.bindings)).toEqual([
      [
        { binding: 'KV', op: 'get', target: 'charged:A-1', ok: true },
        { binding: 'KV', op: 'put', target: 'charged:A-1', ok: true },
        {
          binding: 'KV',
          op: 'put',
          target: '',
          ok: false,
          error: 'Error: KV PUT failed: 400 Key names must not be empty',
        },
      ],
      [
        { binding: 'KV', op: 'get', target: 'charged:A-1', ok: true },
        { binding: 'KV', op: 'get', target: 'charged:A-1', ok: true },
      ],
    ]);
  });
});
