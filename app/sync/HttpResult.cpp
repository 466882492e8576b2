#include "HttpResult.h"

#include <QCoreApplication>

namespace foyer::sync {

QString HttpResult::describe() const
{
    if (kind == Kind::Answered && !ok()) {
        const QString serverMessage = body.value(QStringLiteral("message")).toString();
        if (!serverMessage.isEmpty())
            return serverMessage;
        return QCoreApplication::translate("foyer::sync::HttpResult", "The server answered with HTTP %1.").arg(status);
    }
    return message;
}

} // namespace foyer::sync
