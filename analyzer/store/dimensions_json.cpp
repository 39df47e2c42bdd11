#include "analyzer/store/dimensions_json.h"

#include <nlohmann/json.hpp>

namespace iolab::store {

std::string dimensionsToJson(const std::map<std::string, std::string>& dimensions) {
    return nlohmann::json(dimensions).dump();
}

std::map<std::string, std::string> dimensionsFromJson(const std::string& text) {
    return nlohmann::json::parse(text).get<std::map<std::string, std::string>>();
}

} // namespace iolab::store
