import groovy.json.JsonSlurperClassic

// Without a pom and with -q, the whole output is one JSON document: `mvn -q ... > out.json` works.
// Invoker itself appends "Running post-build script: ..." to build.log; everything else must be the goal's output.
def log = new File(basedir, 'build.log').text
def output = log.readLines().findAll { !it.startsWith('Running post-build script:') }
assert output.size() == 1 && output[0].startsWith('{') && output[0].endsWith('}') : "not one line of JSON:\n${log}"
def json = new JsonSlurperClassic().parseText(output[0])
def ref = new JsonSlurperClassic().parse(new File(sharedDir, 'testdata/root/reference/uproot-Zmumu-zstd.json'))

assert json.tree == 'events' && json.entries == 2304
assert json.keys == ref.keys
assert json.branches.keySet() as List == ['Run', 'E1'] : 'exactly the branches asked for, in tree order'
assert json.branches.Run == ref.branches.Run : 'an int32 branch matches exactly'
def e1 = json.branches.E1, refE1 = ref.branches.E1
assert e1.numericCount == refE1.numericCount
assert Math.abs(e1.numericSum - refE1.numericSum) <= 1e-9 * Math.abs(refE1.numericSum)
assert e1.first3.size() == 3
[e1.first3, refE1.first3].transpose().each { got, want -> assert Math.abs(got - want) <= 1e-12 * Math.abs(want) }
assert !new File(basedir, 'pom.xml').exists() && !new File(basedir, 'target').exists() : 'nothing written'
return true
