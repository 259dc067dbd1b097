// Layered layout through Graphviz's C API (libgvc, libcgraph): a graph built from the version,
// laid out by `dot` with rankdir LR, read back from the layout's own records (node centres,
// edge splines, label positions) and turned into top-left positions with y downwards.
#include "archbench/layout.h"
#include "layout/graphviz_lock.h"

#include <graphviz/gvc.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <set>

namespace archbench {

namespace {

// Graphviz takes char* for names and values it does not modify.
char* mut(const char* s) { return const_cast<char*>(s); }

std::string inches(double units) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", units / 72.0);  // Graphviz sizes are inches, coordinates points
  return buf;
}

struct GraphDeleter {
  GVC_t* gvc;
  bool laid_out = false;
  void operator()(Agraph_t* g) const {
    if (laid_out) gvFreeLayout(gvc, g);
    agclose(g);
  }
};

// One Graphviz context for the process, used under a lock: Graphviz is not thread-safe, and
// freeing a context leaves dangling state in its plugins for the next one (Debian's 2.42).
GVC_t* context() {
  static GVC_t* gvc = gvContext();
  return gvc;
}


using Point = std::array<double, 2>;

// The spline of an edge, start point then three points per cubic segment; the arrow's tip when
// it has one.
void read_spline(Agedge_t* e, const std::function<Point(pointf)>& flip, std::vector<Point>& points,
                 std::optional<Point>& tip) {
  const splines* s = ED_spl(e);
  if (!s || s->size <= 0) return;
  const bezier& bz = s->list[0];
  for (int k = 0; k < bz.size; ++k) points.push_back(flip(bz.list[k]));
  if (bz.eflag) tip = flip(bz.ep);
}

}  // namespace

std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}

Layout layered_layout(const Version& version, const LayoutOptions& options) {
  std::lock_guard<std::mutex> lock(graphviz_mutex());
  Layout out;
  if (version.components.empty()) return out;
  GVC_t* gvc = context();

  Agraph_t* raw = agopen(mut("archbench"), Agdirected, nullptr);
  GraphDeleter deleter{gvc};
  std::unique_ptr<Agraph_t, GraphDeleter&> g(raw, deleter);
  agattr(raw, AGRAPH, mut("rankdir"), mut("LR"));
  agattr(raw, AGRAPH, mut("splines"), mut("spline"));
  agattr(raw, AGRAPH, mut("ranksep"), mut(inches(options.rank_gap).c_str()));
  agattr(raw, AGRAPH, mut("nodesep"), mut(inches(options.node_gap).c_str()));
  agattr(raw, AGNODE, mut("shape"), mut("box"));
  agattr(raw, AGNODE, mut("fixedsize"), mut("true"));
  agattr(raw, AGNODE, mut("label"), mut(""));
  agattr(raw, AGNODE, mut("width"), mut(inches(options.node_width).c_str()));
  agattr(raw, AGNODE, mut("height"), mut(inches(options.node_height).c_str()));
  agattr(raw, AGEDGE, mut("arrowhead"), mut("normal"));

  std::map<std::string, Agnode_t*> nodes;
  for (const auto& c : version.components) nodes[c.id] = agnode(raw, mut(c.id.c_str()), 1);
  // Per link: its edge, or — with a label — the edge to the label's box and the edge from it.
  // The label is a node of its own size in the layer between caller and callee, which is how
  // Graphviz places edge labels, without measuring any text.
  struct Parts {
    Agedge_t* first = nullptr;
    Agedge_t* second = nullptr;
    Agnode_t* label = nullptr;
  };
  std::vector<Parts> parts(version.links.size());
  for (std::size_t i = 0; i < version.links.size(); ++i) {
    const auto& l = version.links[i];
    auto a = nodes.find(l.from), b = nodes.find(l.to);
    if (a == nodes.end() || b == nodes.end()) continue;
    const std::string key = "\x1f" + std::to_string(i);  // unique: parallel links stay apart
    const auto label = options.link_labels.find({l.from, l.to});
    if (label == options.link_labels.end()) {
      parts[i].first = agedge(raw, a->second, b->second, mut(key.c_str()), 1);
      continue;
    }
    Agnode_t* n = agnode(raw, mut(("\x1flabel" + key).c_str()), 1);
    agsafeset(n, mut("width"), mut(inches(label->second[0]).c_str()), mut(""));
    agsafeset(n, mut("height"), mut(inches(label->second[1]).c_str()), mut(""));
    parts[i].label = n;
    parts[i].first = agedge(raw, a->second, n, mut(key.c_str()), 1);
    agsafeset(parts[i].first, mut("arrowhead"), mut("none"), mut("normal"));
    parts[i].second = agedge(raw, n, b->second, mut(key.c_str()), 1);
  }
  if (gvLayout(gvc, raw, "dot") != 0) return out;
  deleter.laid_out = true;

  const boxf bb = GD_bb(raw);
  const double top = bb.UR.y;
  const std::function<Point(pointf)> flip = [&](pointf p) { return Point{p.x - bb.LL.x, top - p.y}; };
  out.width = bb.UR.x - bb.LL.x;
  out.height = bb.UR.y - bb.LL.y;
  for (const auto& c : version.components) {
    const auto centre = flip(ND_coord(nodes[c.id]));
    out.positions[c.id] = {centre[0] - options.node_width / 2, centre[1] - options.node_height / 2};
  }
  for (std::size_t i = 0; i < version.links.size(); ++i) {
    LinkRoute r;
    r.from = version.links[i].from;
    r.to = version.links[i].to;
    const Parts& pt = parts[i];
    if (pt.first && !pt.label) {
      read_spline(pt.first, flip, r.points, r.arrow_tip);
    } else if (pt.label) {
      // Caller to the label's box, straight across the box (the label is drawn over it), then
      // on to the callee: one spline.
      std::optional<Point> none;
      read_spline(pt.first, flip, r.points, none);
      std::vector<Point> rest;
      read_spline(pt.second, flip, rest, r.arrow_tip);
      if (!r.points.empty() && !rest.empty()) {
        const Point p = r.points.back(), q = rest.front();
        r.points.push_back({p[0] + (q[0] - p[0]) / 3, p[1] + (q[1] - p[1]) / 3});
        r.points.push_back({p[0] + 2 * (q[0] - p[0]) / 3, p[1] + 2 * (q[1] - p[1]) / 3});
        r.points.insert(r.points.end(), rest.begin(), rest.end());
      } else {
        r.points.clear();
      }
      r.label_center = flip(ND_coord(pt.label));
    }
    out.routes.push_back(std::move(r));
  }
  return out;
}

}  // namespace archbench
