// help -Ddetail -Dgoal=inspect documents the goal and each of its parameters with the user property to set it.
def inspect = new File(basedir, 'inspect.log').text
assert inspect.contains('adversarial:inspect') : inspect
['file', 'tree', 'branches', 'format', 'output', 'skip'].each {
    assert inspect.contains("User property: adversarial.inspect.${it}") : "help does not document ${it}:\n${inspect}"
}
// help alone lists every goal of the plugin.
def goals = new File(basedir, 'goals.log').text
['inspect', 'toy-ntuples', 'skim', 'drop', 'reweight', 'mix', 'dataset', 'train', 'evaluate', 'check', 'summary',
 'help'].each { assert goals.contains("adversarial:${it}") : "help does not list ${it}:\n${goals}" }
assert !new File(basedir, 'target').exists() : 'help writes nothing'
return true
