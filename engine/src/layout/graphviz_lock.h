#pragma once
// Graphviz keeps global state (its parser, its error handler, its layout plugins): every use of
// it in the engine (the layout, the DOT reader) holds this lock.
#include <mutex>

namespace archbench {

std::mutex& graphviz_mutex();

}  // namespace archbench
