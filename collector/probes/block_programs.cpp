#include "collector/probes/block_programs.h"

#include "block_latency.skel.h"

#include <bpf/bpf.h>

namespace iolab::probes::block {

std::vector<ProgramChoice> programsOf(block_latency_bpf& s) {
    auto& p = s.progs;
    // Classic plug records name no device: plugs are counted through tp_btf and raw_tp only.
    return {
        {Mechanism::TpBtf, Hook::BioQueue, p.block_bio_queue_btf},
        {Mechanism::TpBtf, Hook::GetRq, p.block_getrq_btf},
        {Mechanism::TpBtf, Hook::BackMerge, p.block_bio_backmerge_btf},
        {Mechanism::TpBtf, Hook::FrontMerge, p.block_bio_frontmerge_btf},
        {Mechanism::TpBtf, Hook::Split, p.block_split_btf},
        {Mechanism::TpBtf, Hook::RqInsert, p.block_rq_insert_btf},
        {Mechanism::TpBtf, Hook::RqIssue, p.block_rq_issue_btf},
        {Mechanism::TpBtf, Hook::RqComplete, p.block_rq_complete_btf},
        {Mechanism::TpBtf, Hook::RqRequeue, p.block_rq_requeue_btf},
        {Mechanism::TpBtf, Hook::Plug, p.block_plug_btf},
        {Mechanism::TpBtf, Hook::Unplug, p.block_unplug_btf},
        {Mechanism::TpBtf, Hook::BioComplete, p.block_bio_complete_btf},
        {Mechanism::RawTp, Hook::BioQueue, p.block_bio_queue_raw},
        {Mechanism::RawTp, Hook::GetRq, p.block_getrq_raw},
        {Mechanism::RawTp, Hook::BackMerge, p.block_bio_backmerge_raw},
        {Mechanism::RawTp, Hook::FrontMerge, p.block_bio_frontmerge_raw},
        {Mechanism::RawTp, Hook::Split, p.block_split_raw},
        {Mechanism::RawTp, Hook::RqInsert, p.block_rq_insert_raw},
        {Mechanism::RawTp, Hook::RqIssue, p.block_rq_issue_raw},
        {Mechanism::RawTp, Hook::RqComplete, p.block_rq_complete_raw},
        {Mechanism::RawTp, Hook::RqRequeue, p.block_rq_requeue_raw},
        {Mechanism::RawTp, Hook::Plug, p.block_plug_raw},
        {Mechanism::RawTp, Hook::Unplug, p.block_unplug_raw},
        {Mechanism::RawTp, Hook::BioComplete, p.block_bio_complete_raw},
        {Mechanism::Tracepoint, Hook::BioQueue, p.block_bio_queue_tp},
        {Mechanism::Tracepoint, Hook::GetRq, p.block_getrq_tp},
        {Mechanism::Tracepoint, Hook::BackMerge, p.block_bio_backmerge_tp},
        {Mechanism::Tracepoint, Hook::FrontMerge, p.block_bio_frontmerge_tp},
        {Mechanism::Tracepoint, Hook::Split, p.block_split_tp},
        {Mechanism::Tracepoint, Hook::RqInsert, p.block_rq_insert_tp},
        {Mechanism::Tracepoint, Hook::RqIssue, p.block_rq_issue_tp},
        {Mechanism::Tracepoint, Hook::RqComplete, p.block_rq_complete_tp},
        {Mechanism::Tracepoint, Hook::RqRequeue, p.block_rq_requeue_tp},
        {Mechanism::Tracepoint, Hook::BioComplete, p.block_bio_complete_tp},
    };
}

bool hookWanted(Hook hook, bool anyBioDevice) {
    return hook != Hook::BioComplete || anyBioDevice;
}

std::uint64_t recursionMisses(block_latency_bpf& skeleton) {
    std::uint64_t misses = 0;
    for (const auto& choice : programsOf(skeleton)) {
        const int fd = bpf_program__fd(choice.program);
        if (fd < 0) {
            continue;
        }
        bpf_prog_info info{};
        std::uint32_t length = sizeof(info);
        if (bpf_obj_get_info_by_fd(fd, &info, &length) == 0) {
            misses += info.recursion_misses;
        }
    }
    return misses;
}

} // namespace iolab::probes::block
