#pragma once
// What the canvas shows of each component and link, from the document and the engine's reports
// (the steady report, the what-if scenario and the availability), indexed once per evaluation
// instead of searched per item. It computes no figure of its own.
#include <QString>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "canvas/canvasreplay.h"
#include "canvas/nodeitem.h"
#include "document/document.h"

class CanvasLooks {
 public:
  // With `replay`, the cards and links show that moment of a simulation instead of the steady
  // figures (canvasreplay.cpp).
  explicit CanvasLooks(const Document& doc, const CanvasReplay* replay = nullptr);

  NodeItem::Look node(const archbench::Component& c) const;

  struct LinkLook {
    QString label;    // e.g. "41.7 req/s", "41.7 req/s → 0 req/s", "cut"
    QString latency;  // e.g. "30.0 ms"
    bool cut = false;
    QString note;  // what the scenario does to the calls on it, for the tooltip
  };
  // Null when the link is not in the version (being removed).
  std::optional<LinkLook> link(const LinkKey& key) const;

  // A scenario counts a component as strained when its offered utilization rises by this much.
  static constexpr double kStrainedRise = 0.10;
  // A share of visits failing or degraded is shown from this much (it reads as 0.1% or more).
  static constexpr double kShownShare = 0.0005;

 private:
  const archbench::ComponentResult* result(const std::string& id) const;
  bool inDownZone(const archbench::Component& c) const;
  void scenarioLook(const archbench::Component& c, NodeItem::Look& look, QStringList& tip) const;
  void replayLook(const archbench::Component& c, NodeItem::Look& look, QStringList& tip) const;
  void replayLink(const LinkKey& key, LinkLook& look) const;

  const Document& doc_;
  const archbench::Report* report_;
  const archbench::WhatIfReport* what_if_;
  const CanvasReplay* replay_;
  std::unordered_map<std::string, const archbench::ComponentResult*> results_;
  std::map<std::pair<std::string, std::string>, const archbench::Link*> links_;
  // The steady rate of each link (Report::links).
  std::map<std::pair<std::string, std::string>, const archbench::LinkResult*> link_rates_;
  // The scenario's states per component and per link.
  std::unordered_map<std::string, const archbench::ComponentOutcome*> steady_, faulted_;
  std::map<std::pair<std::string, std::string>, const archbench::LinkOutcome*> link_outcomes_;
  // Availability per component, and the classes each single point of failure fails.
  std::unordered_map<std::string, const archbench::ComponentAvailability*> availability_;
  std::unordered_map<std::string, QStringList> spof_classes_;
};
