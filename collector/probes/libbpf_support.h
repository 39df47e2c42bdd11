#pragma once

#include "analyzer/errors.h"

#include <cerrno>
#include <memory>
#include <string_view>

namespace iolab::probes {

// `step` failed with errno `error` (positive; libbpf returns it negated).
SystemError libbpfError(std::string_view step, int error);

template <class Skeleton>
struct SkeletonDeleter {
    // destroy() detaches, closes every fd and frees: the only teardown a skeleton needs.
    void operator()(Skeleton* skeleton) const { Skeleton::destroy(skeleton); }
};

// Owns a bpftool skeleton (struct NAME_bpf from NAME.skel.h).
template <class Skeleton>
using SkeletonPtr = std::unique_ptr<Skeleton, SkeletonDeleter<Skeleton>>;

template <class Skeleton>
SkeletonPtr<Skeleton> openSkeleton() {
    SkeletonPtr<Skeleton> skeleton(Skeleton::open());
    if (!skeleton) {
        throw libbpfError("open", errno);
    }
    return skeleton;
}

// Loads the programs left to autoload and attaches them.
template <class Skeleton>
void loadAndAttach(Skeleton& skeleton) {
    if (const int error = Skeleton::load(&skeleton); error != 0) {
        throw libbpfError("load", -error);
    }
    if (const int error = Skeleton::attach(&skeleton); error != 0) {
        throw libbpfError("attach", -error);
    }
}

} // namespace iolab::probes
