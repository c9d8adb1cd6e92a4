package io.github.tauml.pipeline.expr;

import io.github.tauml.pipeline.expr.Node.Alt;
import io.github.tauml.pipeline.expr.Node.Binary;
import io.github.tauml.pipeline.expr.Node.Call;
import io.github.tauml.pipeline.expr.Node.Cast;
import io.github.tauml.pipeline.expr.Node.Compare;
import io.github.tauml.pipeline.expr.Node.Conditional;
import io.github.tauml.pipeline.expr.Node.Convert;
import io.github.tauml.pipeline.expr.Node.Element;
import io.github.tauml.pipeline.expr.Node.Logical;
import io.github.tauml.pipeline.expr.Node.Not;
import io.github.tauml.pipeline.expr.Node.Reduce;
import io.github.tauml.pipeline.expr.Node.Unary;
import io.github.tauml.pipeline.expr.Node.Vec;
import io.github.tauml.pipeline.expr.Node.VecElement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Walks over typed trees, without recursion (chains and trees may be large). */
final class Nodes {
    private Nodes() {
    }

    /** The children of a node, the elements of vectors included (sources of computed vectors excepted). */
    static List<Node> children(Node n) {
        if (n instanceof Convert c) {
            return List.of(c.operand());
        } else if (n instanceof Cast c) {
            return List.of(c.operand());
        } else if (n instanceof Unary u) {
            return List.of(u.operand());
        } else if (n instanceof Not x) {
            return List.of(x.operand());
        } else if (n instanceof Binary b) {
            return List.of(b.left(), b.right());
        } else if (n instanceof Compare c) {
            return List.of(c.left(), c.right());
        } else if (n instanceof Logical l) {
            return l.operands();
        } else if (n instanceof Conditional c) {
            return List.of(c.condition(), c.whenTrue(), c.whenFalse());
        } else if (n instanceof Call c) {
            return c.arguments();
        } else if (n instanceof Element e) {
            return List.of(e.index());
        } else if (n instanceof VecElement e) {
            return List.of(e.vec(), e.index());
        } else if (n instanceof Node.NestedElement e) {
            return List.of(e.index(), e.inner());
        } else if (n instanceof Node.InnerSize s) {
            return List.of(s.index());
        } else if (n instanceof Alt a) {
            return List.of(a.primary(), a.alternate());
        } else if (n instanceof Node.InSet i) {
            return List.of(i.operand());
        } else if (n instanceof Reduce r) {
            return r.elements();
        } else if (n instanceof Vec v) {
            return List.of(v.element());
        }
        return List.of();
    }

    /** Number of nodes of the tree, counting up to {@code limit}. */
    static int size(Node root, int limit) {
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        int n = 0;
        while (!todo.isEmpty() && n < limit) {
            Node x = todo.pop();
            n++;
            children(x).forEach(todo::push);
        }
        return n;
    }

    /**
     * The array elements a scalar node reads ({@code x[i]}, {@code x[i][j]}, {@code x[i].size()}), innermost first.
     */
    static List<Node> elements(Node root) {
        List<Node> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, List<Node> out) {
        if (n instanceof Alt) {
            return;
        }
        for (Node c : children(n)) {
            collect(c, out);
        }
        if (n instanceof Element || n instanceof Node.NestedElement || n instanceof Node.InnerSize) {
            out.add(n);
        }
    }
}
