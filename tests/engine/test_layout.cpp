// The automatic layout (archbench/layout.h, Graphviz dot): on every preset version and on
// generated designs, boxes never overlap, links go left to right along the request flow, every
// link has a spline from its caller's box to its callee's box, labels sit clear of every box, and
// the same version gives the same layout.
#include <catch2/catch.hpp>

#include <cmath>

#include "archbench/layout.h"
#include "engine_fixture.h"
#include "varied_architecture.h"

using namespace archbench;

namespace {

struct Box {
  double x0, y0, x1, y1;
  bool overlaps(const Box& o, double slack = 0) const {
    return x0 < o.x1 - slack && o.x0 < x1 - slack && y0 < o.y1 - slack && o.y0 < y1 - slack;
  }
  bool contains(double x, double y, double tol) const {
    return x >= x0 - tol && x <= x1 + tol && y >= y0 - tol && y <= y1 + tol;
  }
};

Box box_of(const Layout& l, const std::string& id, const LayoutOptions& o) {
  const auto& p = l.positions.at(id);
  return {p[0], p[1], p[0] + o.node_width, p[1] + o.node_height};
}

// The label sizes Graphviz reserves are its own estimate of the text: the test keeps a small box
// around the label's centre, which must be clear of every node box.
void check_layout(const Version& v, const LayoutOptions& o) {
  const Layout l = layered_layout(v, o);
  REQUIRE(l.positions.size() == v.components.size());
  std::vector<Box> boxes;
  for (const auto& c : v.components) boxes.push_back(box_of(l, c.id, o));
  for (std::size_t i = 0; i < boxes.size(); ++i)
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      INFO(v.name << ": " << v.components[i].id << " and " << v.components[j].id);
      CHECK_FALSE(boxes[i].overlaps(boxes[j]));
    }
  REQUIRE(l.routes.size() == v.links.size());
  std::vector<Box> labels;
  for (std::size_t i = 0; i < v.links.size(); ++i) {
    const auto& link = v.links[i];
    const auto& r = l.routes[i];
    INFO(v.name << ": link " << link.from << " -> " << link.to);
    CHECK(r.from == link.from);
    CHECK(r.to == link.to);
    // A cubic spline: 1 + 3k points, starting on the caller's box and ending on the callee's.
    REQUIRE(r.points.size() >= 4);
    CHECK((r.points.size() - 1) % 3 == 0);
    const Box from = box_of(l, link.from, o), to = box_of(l, link.to, o);
    CHECK(from.contains(r.points.front()[0], r.points.front()[1], 2));
    // The spline stops at the arrowhead's base (Graphviz's arrow is 10 points long, a little more
    // on a slanted end where it is clipped to the box) and the tip touches the callee's box.
    REQUIRE(r.arrow_tip);
    CHECK(to.contains((*r.arrow_tip)[0], (*r.arrow_tip)[1], 2));
    CHECK(std::hypot(r.points.back()[0] - (*r.arrow_tip)[0], r.points.back()[1] - (*r.arrow_tip)[1]) ==
          Approx(10).margin(1.5));
    // Left to right: a callee's layer is right of its caller's (the designs are acyclic).
    CHECK(to.x0 >= from.x1);
    if (r.label_center) {
      // The label's own box, at the size the caller gave, is clear of every card.
      const auto size = o.link_labels.at({link.from, link.to});
      const Box label{(*r.label_center)[0] - size[0] / 2, (*r.label_center)[1] - size[1] / 2,
                      (*r.label_center)[0] + size[0] / 2, (*r.label_center)[1] + size[1] / 2};
      for (std::size_t k = 0; k < boxes.size(); ++k) {
        INFO("label against " << v.components[k].id);
        CHECK_FALSE(label.overlaps(boxes[k]));
      }
      labels.push_back(label);
    } else {
      CHECK(o.link_labels.count({link.from, link.to}) == 0);
    }
  }
  // Labels are clear of each other.
  for (std::size_t i = 0; i < labels.size(); ++i)
    for (std::size_t j = i + 1; j < labels.size(); ++j) CHECK_FALSE(labels[i].overlaps(labels[j]));
  for (const auto& [id, p] : l.positions) {
    CHECK(std::isfinite(p[0]));
    CHECK(std::isfinite(p[1]));
    CHECK(p[0] >= -1e-9);
    CHECK(p[1] >= -1e-9);
    CHECK(p[0] + o.node_width <= l.width + 1e-6);
    CHECK(p[1] + o.node_height <= l.height + 1e-6);
  }
}

}  // namespace

TEST_CASE("Layout of every preset version keeps boxes apart and links left to right", "[layout]") {
  LayoutOptions o;
  for (const char* file : {"blog.archbench.json", "image-pipeline.archbench.json"})
    for (const auto& v : engine_test::preset(file).versions) {
      for (const auto& l : v.links) o.link_labels[{l.from, l.to}] = {74, 34};  // "1,234 req/s" over "0.500 ms"
      check_layout(v, o);
    }
}

TEST_CASE("Layout of generated designs keeps boxes apart and links left to right", "[layout]") {
  std::mt19937 rng(11);
  for (int i = 0; i < 10; ++i) {
    const Version v = engine_test::varied_architecture(rng);
    // Every other link labelled, of varied sizes.
    LayoutOptions o;
    for (std::size_t k = 0; k < v.links.size(); k += 2)
      o.link_labels[{v.links[k].from, v.links[k].to}] = {40.0 + static_cast<double>(k % 5) * 15, 18.0 + static_cast<double>(k % 3) * 8};
    check_layout(v, o);
  }
}

TEST_CASE("Layout is deterministic and follows the node size it is given", "[layout]") {
  const Version& v = engine_test::preset("blog.archbench.json").versions.back();
  LayoutOptions small;
  small.node_width = 100;
  small.node_height = 40;
  const Layout a = layered_layout(v), b = layered_layout(v), c = layered_layout(v, small);
  CHECK(a.positions == b.positions);
  REQUIRE(a.routes.size() == b.routes.size());
  for (std::size_t i = 0; i < a.routes.size(); ++i) CHECK(a.routes[i].points == b.routes[i].points);
  // Smaller boxes, a smaller drawing.
  CHECK(c.width < a.width);
  check_layout(v, small);
}

TEST_CASE("Layout of an empty version or a single component", "[layout]") {
  Version empty;
  CHECK(layered_layout(empty).positions.empty());
  Version one;
  one.components.push_back({"users", "users", "", std::nullopt, {}, {}, {}, {}});
  const Layout l = layered_layout(one);
  REQUIRE(l.positions.count("users") == 1);
  CHECK(l.positions.at("users")[0] == Approx(0).margin(1e-9));
  CHECK(l.positions.at("users")[1] == Approx(0).margin(1e-9));
  CHECK(l.width == Approx(LayoutOptions{}.node_width).margin(1e-6));
}
