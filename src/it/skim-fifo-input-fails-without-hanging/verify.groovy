def log = new File(basedir, 'build.log').text
assert log.contains("<samples><sample name=\"data\"><inputs>: input 'pipe.root' is not a regular file") : log
assert log.contains('MojoFailureException')
return true
