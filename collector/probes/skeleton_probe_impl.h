#pragma once

// The members of SkeletonProbe and AdaptiveSkeletonProbe, for the loaders that instantiate
// them with their skeleton (which needs NAME.skel.h included before this).

#include "collector/probes/probe_support.h"
#include "collector/probes/skeleton_probe.h"

#include <string>
#include <utility>

namespace iolab::probes {

template <class Skeleton>
void SkeletonProbe<Skeleton>::openWindow() {
    if (m_skeleton) {
        setCounting(true);
    }
}

template <class Skeleton>
void SkeletonProbe<Skeleton>::closeWindow() {
    if (m_skeleton) {
        setCounting(false);
    }
}

template <class Skeleton>
void SkeletonProbe<Skeleton>::detach() {
    if (m_skeleton) {
        Skeleton::detach(m_skeleton.get());
    }
}

template <class Skeleton>
template <class OpenLoadAttach>
void SkeletonProbe<Skeleton>::attachBest(std::span<const Mechanism> plan,
                                         std::optional<Mechanism> force,
                                         OpenLoadAttach&& openLoadAttach) {
    auto [skeleton, outcome] = attachBestFirst(name(), plan, force, openLoadAttach);
    m_skeleton = std::move(skeleton);
    m_outcome = std::move(outcome);
}

template <class Skeleton>
void SkeletonProbe<Skeleton>::setCounting(bool counting) {
    m_skeleton->data->counting = counting ? 1 : 0;
}

template <class Skeleton>
void SkeletonProbe<Skeleton>::detachPrograms() {
    detachSkeleton(m_skeleton.get());
}

template <class Skeleton>
void SkeletonProbe<Skeleton>::reattachPrograms() {
    reattachSkeleton(m_skeleton.get());
}

template <class Skeleton>
std::uint64_t SkeletonProbe<Skeleton>::counter(std::uint32_t index) const {
    return readPerCpuCounter(bpf_map__fd(m_skeleton->maps.counters), index);
}

template <class Skeleton>
void SkeletonProbe<Skeleton>::addAttachMetadata(RunRecord& record) const {
    probes::addAttachMetadata(record, name(), m_outcome);
}

template <class Skeleton>
AdaptiveSkeletonProbe<Skeleton>::AdaptiveSkeletonProbe(std::uint32_t runsCounter,
                                                       BetweenWindows betweenWindows)
    : m_runsCounter(runsCounter)
    , m_detachBetweenWindows(betweenWindows == BetweenWindows::Detach) {}

template <class Skeleton>
bool AdaptiveSkeletonProbe<Skeleton>::detachesBetweenWindows() const {
    return m_detachBetweenWindows && m_counting && m_counting->windowed();
}

template <class Skeleton>
void AdaptiveSkeletonProbe<Skeleton>::pause() {
    if (detachesBetweenWindows()) {
        this->detachPrograms();
    }
}

template <class Skeleton>
void AdaptiveSkeletonProbe<Skeleton>::resume() {
    if (detachesBetweenWindows()) {
        this->reattachPrograms();
    }
}

template <class Skeleton>
void AdaptiveSkeletonProbe<Skeleton>::openWindow() {
    if (this->m_skeleton) {
        m_counting->opened(this->counter(m_runsCounter), figureTotals());
        this->setCounting(true);
    }
}

template <class Skeleton>
void AdaptiveSkeletonProbe<Skeleton>::closeWindow() {
    if (this->m_skeleton && m_counting->closed(figureTotals())) {
        this->setCounting(false);
    }
}

template <class Skeleton>
void AdaptiveSkeletonProbe<Skeleton>::describeCounting(RunRecord& record) const {
    m_counting->describe(record, std::string(this->name()), this->counter(m_runsCounter));
}

} // namespace iolab::probes
