#pragma once

#include <map>
#include <string>

namespace iolab::store {

// Dimensions are stored as a JSON object with sorted keys, so equal maps give equal text.
std::string dimensionsToJson(const std::map<std::string, std::string>& dimensions);
std::map<std::string, std::string> dimensionsFromJson(const std::string& text);

} // namespace iolab::store
