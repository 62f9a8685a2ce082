// Preloaded into the language server by test/security (`node --require`): any attempt to start a
// process or to compile code from a string at run time is reported on stderr (and refused), and
// a polluted Object.prototype is reported when the process exits.
'use strict';
const childProcess = require('node:child_process');
const vm = require('node:vm');

function trip(what) {
  process.stderr.write(`TRIPWIRE ${what}\n`);
  throw new Error(`tripwire: ${what} is not allowed in the language server`);
}

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  childProcess[name] = () => trip(`child_process.${name}`);
}
for (const name of ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']) {
  vm[name] = () => trip(`vm.${name}`);
}
vm.Script = function Script() {
  trip('vm.Script');
};
// Indirect eval and the Function constructor. ajv compiles our own JSON Schema with `new Function`
// once, lazily; its source never contains document text, which the test checks with a marker.
const realFunction = Function;
const marker = process.env.TRIPWIRE_MARKER;
globalThis.eval = (source) => trip(`eval(${String(source).slice(0, 80)})`);
globalThis.Function = new Proxy(realFunction, {
  construct(target, args) {
    if (marker && args.some((a) => String(a).includes(marker))) trip('new Function with document text');
    return Reflect.construct(target, args);
  },
  apply(target, self, args) {
    if (marker && args.some((a) => String(a).includes(marker))) trip('Function with document text');
    return Reflect.apply(target, self, args);
  },
});

process.on('exit', () => {
  const probe = {};
  for (const key of ['polluted', 'isAdmin', 'exploited']) {
    if (probe[key] !== undefined) process.stderr.write(`TRIPWIRE Object.prototype.${key} was set\n`);
  }
});
