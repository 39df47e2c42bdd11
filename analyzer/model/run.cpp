#include "analyzer/model/run.h"

#include <array>
#include <stdexcept>
#include <utility>

namespace iolab {
namespace {

constexpr std::array<std::pair<RunStatus, std::string_view>, 6> kStatusNames{{
    {RunStatus::Recording, "recording"},
    {RunStatus::Complete, "complete"},
    {RunStatus::Interrupted, "interrupted"},
    {RunStatus::Failed, "failed"},
    {RunStatus::Imported, "imported"},
    {RunStatus::Abandoned, "abandoned"},
}};

} // namespace

std::string_view toString(RunStatus status) {
    for (const auto& [value, name] : kStatusNames) {
        if (value == status) {
            return name;
        }
    }
    throw std::invalid_argument("unknown run status");
}

bool holdsNoData(RunStatus status) {
    return status == RunStatus::Recording || status == RunStatus::Abandoned;
}

RunStatus runStatusFromString(std::string_view name) {
    for (const auto& [value, text] : kStatusNames) {
        if (text == name) {
            return value;
        }
    }
    throw std::invalid_argument("unknown run status '" + std::string(name) + "'");
}

} // namespace iolab
