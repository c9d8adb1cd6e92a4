def fifo = new File(basedir, 'pipe.root')
fifo.delete()
def p = ['mkfifo', fifo.path].execute()
assert p.waitFor() == 0 : 'mkfifo failed'
return true
