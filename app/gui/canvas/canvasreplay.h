#pragma once
// A moment of a simulation shown on the canvas (the simulation window's time slider): each
// component's utilization, visits waiting and instances down, and each link's calls per second,
// in the timeline step that holds time t. CanvasLooks turns it into the cards' and links' looks,
// the same way it shows the steady report and a what-if scenario.
#include <QString>
#include <map>
#include <string>
#include <utility>

struct CanvasReplay {
  struct Node {
    double utilization = 0;  // busy servers per server, time average over the step
    double queue = 0;        // visits waiting, time average over the step
    int down = 0;            // instances down at the step's end
  };
  double time_s = 0;  // the step's start
  std::map<std::string, Node> nodes;
  std::map<std::pair<std::string, std::string>, double> link_rate;  // (from, to) → calls/s
};
