#include "ApiReply.h"

namespace foyer::server {

ApiReply ApiReply::error(int status, const QString& code, const QString& message)
{
    return {status, QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("message"), message}}};
}

} // namespace foyer::server
