// The failure names the feature-list elements, the feature, the branch the toy lacks, and that nothing was written.
def log = new File(basedir, 'build.log').text
assert log.contains('MojoFailureException') : 'a missing branch is a build failure, not an execution error'
assert log.contains('<preset>/<tauFeatures>/<blockFeatures> feature TauFlat/tau_dz_sig')
assert log.contains("tau_dz_error")
assert log.contains('PfCand_electron/pfCand_ele_vertex_dx')
assert log.contains('The datasets cannot be written as declared:')
def out = new File(basedir, 'target/adversarial/dataset')
assert !out.exists() || out.list().length == 0 : "the dataset goal wrote ${out.list()}"
return true
