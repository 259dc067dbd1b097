#pragma once
// What the experiments view's two files share: experimentsview.cpp (the view, its runs and its
// edits) and experimentsrows.cpp (the list's rows and the selected experiment's pane).
#include <QString>
#include <string>
#include <vector>

#include "archbench/model.h"

namespace detail {

QString q(const std::string& s);
QString faults_text(const std::vector<archbench::Fault>& faults, const archbench::Version& version);
QString names(const std::vector<std::string>& list);

}  // namespace detail
