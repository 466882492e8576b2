#pragma once

#include <QJsonObject>
#include <QString>

namespace foyer::server {

// One HTTP reply of the API: a status and a JSON object body (none for 204).
struct ApiReply
{
    int status = 200;
    QJsonObject body;

    static ApiReply ok(const QJsonObject& body) { return {200, body}; }
    static ApiReply noContent() { return {204, {}}; }
    // {"error": code, "message": text for staff}, as docs/sync-protocol.md has it.
    static ApiReply error(int status, const QString& code, const QString& message);
};

} // namespace foyer::server
