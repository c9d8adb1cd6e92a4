// Each bad configuration failed its build (invoker.properties) as bad configuration (MojoFailureException), before
// any output of the failing stage was written, with a first line that names the pom element at fault, then a Fix.
def expected = [
    'toy-unknown-sample'               : ['<samples><sample name="DYtautaux">: there is no toy sample \'DYtautaux\'; did you mean DYtautau?'],
    'toy-factor-out-of-range'          : ['<ipTails> (adversarial.toy.ipTails) must be a factor in (0, 100], got 0.0.'],
    'skim-exclude-everything'          : ['<exclude> (adversarial.skim.exclude; sample data): <exclude> removes every column'],
    'skim-bad-column-expression'       : ['<columns><column name="pt2"> (sample data): expected an operand, found \'*\'',
                                          'tau_pt * * tau_pt'],
    'skim-missing-other-tree'          : ['<otherTrees> (adversarial.skim.otherTrees; sample data): ', "data.root: 'meta': no such object"],
    'skim-output-directory-under-a-file': ['<outputDirectory> (adversarial.skim.outputDirectory; sample data): the output directory',
                                          'blocker.txt is a file, not a directory'],
    'skim-toy-files-of-two-runs'       : ['<samples><sample name="DY_taus"><inputs>: sample data reads',
                                          'toy files written with different settings: seed is 2 in', 'toy-seed-2/data.root but 1 in'],
    'mix-duplicate-dataset-id'         : ['<contributions><contribution name="DY_taus"><datasetId>: DY_taus and data both have dataset_id 0'],
    'mix-negative-batches'             : ['<trainvalBatches>: must not be negative, got -3'],
    'mix-missing-contribution-file'    : ['<contributions><contribution name="DY_taus"><input>: the input', 'DYtautau_missing.root does not exist'],
    'reweight-decreasing-bins'         : ['<bins>: bin edges must increase, but 40.0 follows 50.0'],
    'dataset-unknown-preset'           : ['<preset>: unknown feature preset \'v3\''],
    'drop-second-input-not-root'       : ['no sample was dropped', '<samples><sample name="DY_taus"><input>: DY_taus: ', 'blocker.txt'],
    'train-negative-k2'                : ['2 problems:', '<classificationDataset> (adversarial.train.classificationDataset): ', 'holds no complete dataset (no spec.json)',
                                          '<k2> (adversarial.train.k2): must be a finite number of 0 or more, got -1.0: a negative k2'],
    'train-unknown-preset'             : ['<preset>: unknown network preset \'v2p6\''],
]
assert expected.size() >= 10
def failures = []
expected.each { name, parts ->
    def log = new File(basedir, "${name}.log").text
    // Maven prints the message behind "[ERROR] "; drop the prefix so that messages spanning lines can be matched.
    def text = log.readLines().collect { it.startsWith('[ERROR] ') ? it.substring(8) : it }.join('\n')
    if (!log.contains('BUILD FAILURE')) failures << "${name}: the build did not fail"
    if (!log.contains('MojoFailureException')) failures << "${name}: not reported as bad configuration"
    parts.each { if (!text.contains(it)) failures << "${name}: no '${it}' in\n${log.readLines().findAll { it.startsWith('[ERROR]') }.take(8).join('\n')}" }
    if (!(text =~ /(?m)^Fix: /)) failures << "${name}: no Fix line"
}
assert failures.isEmpty() : failures.join('\n\n')

// Nothing of the failing stages was written: no skim, mix, weights, dataset or model output.
['skim', 'drop', 'mix', 'reweight', 'dataset', 'model'].each {
    def d = new File(basedir, "target/adversarial/${it}")
    assert !d.exists() || d.list().length == 0 : "${it} wrote ${d.list()}"
}
assert !new File(basedir, 'target/bad-toy').exists() : 'the bad toy declarations wrote nothing'
return true
