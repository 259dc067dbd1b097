#pragma once
// A secondary window (comparison, impact heatmap) closes the way windows do: a Close button,
// Esc and Ctrl+W (and the platform's own Close key).
class QMainWindow;
class QPushButton;

namespace window_keys {
// Adds the keys to `window` and returns its Close button (object name "closeButton"), for the
// caller to place.
QPushButton* addClose(QMainWindow* window);
}  // namespace window_keys
