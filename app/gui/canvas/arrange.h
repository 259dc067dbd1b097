#pragma once
// Arrange: the current version laid out by the engine's layered layout (archbench/layout.h,
// Graphviz dot), left to right along the request flow, as one undo step; the links follow the
// layout's splines and their labels its label places.
class CanvasScene;

// Moves every component of the scene's version to its place in the layout, keeping the drawing's
// top-left corner where it was. False (and nothing changed) when the version is frozen or empty.
bool arrange(CanvasScene* scene);
