// octane-runner.js: appended after base.js and one benchmark's files by bench/run.py.
// Prints each result the way Octane's run.js does ("Name: score"), then the suite score.
// Works on every engine the harness drives: only `print` is needed, and the prelude
// (octane-prelude.js) supplies it from console.log where an engine lacks it.

var success = true;

function PrintResult(name, result) {
  print(name + ': ' + result);
}

function PrintError(name, error) {
  PrintResult(name, error);
  success = false;
}

function PrintScore(score) {
  if (success) {
    print('----');
    print('Score (version ' + BenchmarkSuite.version + '): ' + score);
  }
}

BenchmarkSuite.config.doWarmup = undefined;
BenchmarkSuite.config.doDeterministic = undefined;

BenchmarkSuite.RunSuites({ NotifyResult: PrintResult,
                           NotifyError: PrintError,
                           NotifyScore: PrintScore });
