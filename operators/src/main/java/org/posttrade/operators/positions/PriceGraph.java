package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prices between assets from the latest mark of each symbol (and configured reference prices for symbols without
 * a mark). Assets are nodes, each mark an edge usable both ways: ETH-BTC is valued in USD through BTC-USD, USDT
 * through USDT-USD. A stablecoin is never assumed to be worth 1 USD: without its mark it has no price. The path
 * is the shortest one (fewest marks); ties are broken by a fixed order (edges sorted by symbol), so the answer
 * depends only on the marks, never on their arrival order. A missing path is reported as empty, never as a rate of zero or one.
 */
public final class PriceGraph {
    private final Map<String, MarkPoint> bySymbol;
    private final Map<String, List<Edge>> edges = new HashMap<>();

    private record Edge(String to, MarkPoint mark, boolean inverted) {}

    private PriceGraph(Map<String, MarkPoint> bySymbol) {
        this.bySymbol = bySymbol;
        for (MarkPoint m : bySymbol.values()) {
            edges.computeIfAbsent(m.baseAsset(), k -> new ArrayList<>()).add(new Edge(m.quoteAsset(), m, false));
            edges.computeIfAbsent(m.quoteAsset(), k -> new ArrayList<>()).add(new Edge(m.baseAsset(), m, true));
        }
        Comparator<Edge> order = Comparator.comparing((Edge e) -> e.mark().symbol()).thenComparing(Edge::to);
        edges.values().forEach(list -> list.sort(order));
    }

    /** The graph of these marks: per symbol the one that {@link MarkPoint#supersedes supersedes} the others. */
    public static PriceGraph of(Collection<MarkPoint> marks) {
        Map<String, MarkPoint> latest = new TreeMap<>();
        for (MarkPoint m : marks) {
            if (m.supersedes(latest.get(m.symbol()))) {
                latest.put(m.symbol(), m);
            }
        }
        return new PriceGraph(latest);
    }

    public static PriceGraph empty() {
        return new PriceGraph(new TreeMap<>());
    }

    public Optional<MarkPoint> mark(String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol));
    }

    /** The rate from {@code from} to {@code to}, or empty when no marks connect them. */
    public Optional<Conversion> conversion(String from, String to) {
        if (from.equals(to)) {
            return Optional.of(Conversion.identity(from));
        }
        // breadth-first: the first path found to each asset is the shortest, ties broken by the edge order
        Map<String, Edge> via = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(from);
        via.put(from, null);
        while (!queue.isEmpty()) {
            String asset = queue.poll();
            if (asset.equals(to)) {
                break;
            }
            for (Edge e : edges.getOrDefault(asset, List.of())) {
                if (!via.containsKey(e.to())) {
                    via.put(e.to(), new Edge(asset, e.mark(), e.inverted()));
                    queue.add(e.to());
                }
            }
        }
        if (!via.containsKey(to)) {
            return Optional.empty();
        }
        BigDecimal numerator = BigDecimal.ONE;
        BigDecimal denominator = BigDecimal.ONE;
        List<MarkPoint> path = new ArrayList<>();
        for (String asset = to; !asset.equals(from); ) {
            Edge back = via.get(asset);
            if (back.inverted()) {
                denominator = denominator.multiply(back.mark().price());
            } else {
                numerator = numerator.multiply(back.mark().price());
            }
            path.add(0, back.mark());
            asset = back.to();
        }
        return Optional.of(new Conversion(from, to, numerator, denominator, path));
    }
}
