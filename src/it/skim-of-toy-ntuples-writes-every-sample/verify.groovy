import groovy.json.JsonSlurperClassic

// Every declared sample has its output, and nothing else is left in the directory (no temporary files).
def skim = new File(basedir, 'target/adversarial/skim')
assert (skim.list() as List).sort() == ['DY_taus.root', 'data.root']
// Each toy file with the settings that made it beside it (docs/toy-ntuples.md).
assert (new File(basedir, 'target/adversarial/toy').list() as List).sort() ==
        ['DYtautau.root', 'DYtautau.root.json', 'data.root', 'data.root.json']
def settings = new JsonSlurperClassic().parse(new File(basedir, 'target/adversarial/toy/data.root.json'))
assert settings.sample == 'data' && settings.entries == 4000
assert settings.size == new File(basedir, 'target/adversarial/toy/data.root').length()
assert settings.settings.seed instanceof Number && settings.run.samples.DYtautau == 3000

// A summary line per sample, then the table.
def log = new File(basedir, 'build.log').text
assert log.contains('data: 4,000 candidates') && log.contains('DYtautau: 3,000 candidates')
def summary = { String sample ->
    def m = log =~ /(?m)\[INFO\] ${sample}: ([\d,]+) entries read from 1 file, ([\d,]+) passed \(/
    assert m.find() : "no summary line for ${sample}:\n${log}"
    [m.group(1), m.group(2)].collect { it.replace(',', '') as long }
}
def (dataRead, dataPassed) = summary('data')
def (dyRead, dyPassed) = summary('DY_taus')
assert dataRead == 4000 && dyRead == 3000
assert 0 < dataPassed && dataPassed < dataRead && 0 < dyPassed && dyPassed < dyRead
assert log.contains('Skim summary:')
assert log =~ /(?m)^\[INFO\]\s+total\s+2\s+7,000\s+[\d,]+\s/

// The DY output, read back: only genuine taus (the cut on the computed mytauType), the sample's own column, the
// particle vectors copied, the excluded ones not.
def json = new JsonSlurperClassic().parse(new File(basedir, 'target/adversarial/inspect/DY_taus.json'))
assert json.entries == dyPassed
assert json.branches.mytauType.numericCount == dyPassed
assert json.branches.mytauType.numericSum == 2 * dyPassed : 'every entry has mytauType == 2'
assert json.branches.pt_over_m.numericCount == dyPassed
assert json.branches.pfCand_pt.numericCount > dyPassed : 'vector<float> branch copied'
return true
