// Layered layout through Graphviz's C API (libgvc, libcgraph): a graph built from the version,
// laid out by `dot` with rankdir LR, read back from the layout's own records (node centres,
// edge splines, label positions) and turned into top-left positions with y downwards.
#include "archbench/layout.h"

#include <graphviz/gvc.h>

#include <cstdio>
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

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
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

std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace

Layout layered_layout(const Version& version, const LayoutOptions& options) {
  std::lock_guard<std::mutex> lock(graphviz_mutex());
  std::unique_ptr<GVC_t, int (*)(GVC_t*)> gvc(gvContext(), gvFreeContext);
  Layout out;
  if (version.components.empty()) return out;

  Agraph_t* raw = agopen(mut("archbench"), Agdirected, nullptr);
  GraphDeleter deleter{gvc.get()};
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
  agattr(raw, AGEDGE, mut("label"), mut(""));
  agattr(raw, AGEDGE, mut("fontsize"), mut(number(options.label_font_size).c_str()));

  std::map<std::string, Agnode_t*> nodes;
  for (const auto& c : version.components) nodes[c.id] = agnode(raw, mut(c.id.c_str()), 1);
  std::vector<Agedge_t*> edges;
  for (const auto& l : version.links) {
    auto a = nodes.find(l.from), b = nodes.find(l.to);
    if (a == nodes.end() || b == nodes.end()) {
      edges.push_back(nullptr);
      continue;
    }
    // A unique key per link, so that parallel links stay separate edges.
    const std::string key = l.from + "\x1f" + l.to;
    Agedge_t* e = agedge(raw, a->second, b->second, mut(key.c_str()), 1);
    if (auto it = options.link_labels.find({l.from, l.to}); it != options.link_labels.end() && !it->second.empty())
      agset(e, mut("label"), mut(it->second.c_str()));
    edges.push_back(e);
  }
  if (gvLayout(gvc.get(), raw, "dot") != 0) return out;
  deleter.laid_out = true;

  const boxf bb = GD_bb(raw);
  const double top = bb.UR.y;
  auto flip = [&](pointf p) { return std::array<double, 2>{p.x - bb.LL.x, top - p.y}; };
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
    if (Agedge_t* e = edges[i]) {
      if (const splines* s = ED_spl(e); s && s->size > 0) {
        const bezier& bz = s->list[0];
        for (int k = 0; k < bz.size; ++k) r.points.push_back(flip(bz.list[k]));
        if (bz.eflag) r.arrow_tip = flip(bz.ep);
      }
      if (const textlabel_t* lab = ED_label(e); lab && lab->set) r.label_center = flip(lab->pos);
    }
    out.routes.push_back(std::move(r));
  }
  return out;
}

}  // namespace archbench
