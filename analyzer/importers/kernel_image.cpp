#include "analyzer/importers/kernel_image.h"

namespace iolab::importers {

bool isKernelImage(std::string_view name) {
    if (name.starts_with("[kernel.") || name.starts_with("[guest.kernel")) {
        return true;
    }
    const std::string_view base = name.substr(name.rfind('/') + 1);
    return base == "vmlinux" || base.starts_with("vmlinux-") || base == "kallsyms" ||
           base == "kcore";
}

} // namespace iolab::importers
