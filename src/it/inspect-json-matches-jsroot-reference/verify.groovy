import groovy.json.JsonSlurperClassic

// The JSON written by inspect equals jsroot's reference: integers exactly, other numbers to 1e-9 relative.
def written = new File(basedir, 'target/adversarial/inspect/sample-lz4.json')
assert written.isFile() : "inspect wrote no JSON to ${written}"
def ours = new JsonSlurperClassic().parse(written)
def ref = new JsonSlurperClassic().parse(new File(sharedDir, 'testdata/root/reference/uproot-sample-6.20.04-lz4.json'))

def integral = { it instanceof Integer || it instanceof Long || it instanceof BigInteger }
def diffs = []
def compare
compare = { String path, want, got ->
    if (want instanceof Number && got instanceof Number) {
        if (integral(want) && integral(got)) {
            if (want as BigInteger != got as BigInteger) diffs << "${path}: ${got} != ${want}"
        } else {
            double a = got as double, b = want as double
            if (Math.abs(a - b) > 1e-9 * Math.max(Math.abs(a), Math.abs(b))) diffs << "${path}: ${got} != ${want}"
        }
    } else if (want instanceof Map && got instanceof Map) {
        (want.keySet() + got.keySet()).each { k ->
            if (!want.containsKey(k) || !got.containsKey(k)) {
                diffs << "${path}.${k}: only in ${want.containsKey(k) ? 'the reference' : 'our JSON'}"
            } else {
                compare("${path}.${k}", want[k], got[k])
            }
        }
    } else if (want instanceof List && got instanceof List) {
        if (want.size() != got.size()) {
            diffs << "${path}: ${got} != ${want}"
        } else {
            want.indices.each { i -> compare("${path}[${i}]", want[i], got[i]) }
        }
    } else if (want != got) {
        diffs << "${path}: ${got} != ${want}"
    }
}
compare('$', ref, ours)
assert diffs.isEmpty() : "differences from the jsroot reference:\n" + diffs.join('\n')
assert ours.branches.keySet() as List == ref.branches.keySet() as List : 'branches in tree order'

def log = new File(basedir, 'build.log').text
assert log.contains('Wrote the json inspection of') && log.contains('sample-lz4.json')
assert !log.contains('"rootVersion"') : 'with <output> set, the JSON goes to the file, not to stdout'
return true
