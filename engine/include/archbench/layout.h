#pragma once
// Automatic layout of a version's diagram: layered, left to right along the request flow, by
// Graphviz's `dot` (Gansner et al., "A Technique for Drawing Directed Graphs", 1993): ranks
// from the links, crossings reduced, nodes placed, links routed as splines around the nodes and
// their labels placed where they overlap nothing. Used by the app's Arrange and by exports.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archbench/model.h"

namespace archbench {

struct LayoutOptions {
  double node_width = 180;   // every node's box, in the caller's units (the canvas uses pixels)
  double node_height = 64;
  double rank_gap = 20;      // between layers, along the flow (a labelled link spans two gaps)
  double node_gap = 28;      // between nodes of one layer
  // A link's label box (width, height) as the caller will draw it on the link; the layout keeps
  // room for it. Given as a size, not a text: no font is measured, so the layout is the same on
  // every machine.
  std::map<std::pair<std::string, std::string>, std::array<double, 2>> link_labels;
};

struct LinkRoute {
  std::string from, to;
  // A cubic Bézier spline: the start point, then three points per segment (two controls and
  // the segment's end), from the caller's box to the base of the arrowhead.
  std::vector<std::array<double, 2>> points;
  std::optional<std::array<double, 2>> arrow_tip;  // on the callee's box; the spline ends there without one
  std::optional<std::array<double, 2>> label_center;  // when the link has a label
};

struct Layout {
  std::map<std::string, std::array<double, 2>> positions;  // node box top-left, y downwards
  std::vector<LinkRoute> routes;                           // in the version's link order
  double width = 0, height = 0;                            // of the whole drawing
};

// Lays out `version` (components in file order, links in file order; the same version gives
// the same layout). Not thread-safe inside Graphviz: calls are serialised.
Layout layered_layout(const Version& version, const LayoutOptions& options = {});

}  // namespace archbench
