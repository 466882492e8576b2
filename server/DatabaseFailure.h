#pragma once

#include <QString>
#include <stdexcept>

namespace foyer::server {

// PostgreSQL failed a statement that should not fail (the connection is gone, the server refused): the request is
// answered 503 and its transaction is rolled back. Constraint violations the push expects are not thrown.
class DatabaseFailure : public std::runtime_error
{
public:
    explicit DatabaseFailure(const QString& what)
        : std::runtime_error(what.toStdString())
    {
    }
};

} // namespace foyer::server
