#pragma once
// The Markdown the CLI prints (--format markdown), as HTML: headings, pipe tables with their
// alignment, lists, block quotes, paragraphs, **bold** and `code`. Not a general Markdown
// reader: it reads what this program writes.
#include <string>

namespace archbench::cli {

// `heading_shift` demotes headings ("##" becomes <h3> with 1). A table column whose header
// ends in "success" is shaded by its percentage (the impact heatmap).
std::string markdown_to_html(const std::string& markdown, int heading_shift = 0);

// Lower-case words joined by dashes, for ids and file names: "Image pipeline V2" → "image-pipeline-v2".
std::string slug(const std::string& text);

}  // namespace archbench::cli
