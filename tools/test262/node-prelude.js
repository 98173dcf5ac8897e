// tools/test262/node-prelude.js: test262's host-defined `print` and `$262` for
// tools/test262/node-shell.js, passed to the runner as `--prelude` (see docs/test262.md).
// It runs as a classic script in the test's realm before the harness, and reaches node's
// modules through process.mainModule (the shell), which exists only in the main realm: every
// host capability is gathered here once and handed to install(), which is self-contained so a
// new realm can evaluate its source text and install the same API on its own global.
(function () {
  var require = process.mainModule.require.bind(process.mainModule);
  var vm = require('vm');
  var v8 = require('v8');
  v8.setFlagsFromString('--expose-gc');
  var host = {
    vm: vm,
    context: null,  // the vm context of a created realm; null for the main realm
    gc: vm.runInNewContext('gc'),
    write: function (s) { process.stdout.write(s + '\n'); },
    structuredClone: structuredClone,
  };

  function install(global, host) {
    function define(obj, name, value) {
      Object.defineProperty(obj, name, {
        value: value, writable: true, enumerable: false, configurable: true,
      });
    }
    function unsupported(name) {
      return function () { throw new TypeError('$262.agent.' + name + ' is not supported'); };
    }
    var $262 = {
      global: global,
      gc: function () { host.gc(); },
      evalScript: function (source) {
        source = String(source);
        return host.context === null ? host.vm.runInThisContext(source)
                                     : host.vm.runInContext(source, host.context);
      },
      createRealm: function () {
        var context = host.vm.createContext();
        var child = Object.assign({}, host, { context: context });
        var installer = host.vm.runInContext('(' + install.toString() + ')', context);
        return installer(host.vm.runInContext('globalThis', context), child);
      },
      detachArrayBuffer: function (buffer) {
        host.structuredClone(buffer, { transfer: [buffer] });
        return null;
      },
      agent: {
        start: unsupported('start'), broadcast: unsupported('broadcast'),
        getReport: unsupported('getReport'), sleep: unsupported('sleep'),
        monotonicNow: unsupported('monotonicNow'),
      },
    };
    define(global, 'print', function print(value) { host.write(String(value)); });
    define(global, '$262', $262);
    return $262;
  }

  install(globalThis, host);
})();
