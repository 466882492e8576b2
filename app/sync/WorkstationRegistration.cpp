#include "WorkstationRegistration.h"

#include "ServerSignIn.h"
#include "SessionTokenVault.h"
#include "StaffDirectoryCache.h"
#include "StaffRepository.h"
#include "SyncHttpClient.h"
#include "TicketCertification.h"
#include "WorkstationIdentity.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <limits>

namespace foyer::sync {

WorkstationRegistration::WorkstationRegistration(QSqlDatabase db, QString databaseId, security::KeyStore keyStore)
    : m_db(std::move(db))
    , m_databaseId(std::move(databaseId))
    , m_keyStore(std::move(keyStore))
{
}

bool WorkstationRegistration::registerWith(SyncEndpoint endpoint, const QString& username,
                                           const core::SecureBuffer& password, const QString& workstationName,
                                           QString* error)
{
    endpoint.pinnedSha256.clear(); // pinned below, from what the server shows now
    SyncHttpClient http(endpoint);
    const ServerSignIn::Outcome signedIn =
        ServerSignIn(&http, m_databaseId, m_keyStore).signIn(username, password, m_databaseId);
    if (!signedIn.ok()) {
        *error = signedIn.storeProblem.isEmpty()
                     ? tr("Signing in at the server failed: %1").arg(signedIn.reply.describe())
                     : signedIn.storeProblem;
        return false;
    }
    const QByteArray pinned = http.lastPeerCertificateSha256();
    const security::KeyStore::Result token = SessionTokenVault(m_databaseId, m_keyStore).read();
    if (!token.ok()) {
        *error = tr("The server session could not be read back from the keychain: %1").arg(token.message);
        return false;
    }
    // The workstation's own ticket key, certified by the venue in the reply: tickets it prints offline verify with
    // the venue's public key.
    TicketCertification certification(m_db);
    const QByteArray ticketKey = certification.publicKey(error);
    if (ticketKey.isEmpty())
        return false;
    const HttpResult reply =
        http.post(QStringLiteral("/v1/workstations"),
                  QJsonObject{{QStringLiteral("database_id"), m_databaseId},
                              {QStringLiteral("name"), workstationName},
                              {QStringLiteral("ticket_public_key"), QString::fromLatin1(ticketKey.toBase64())}},
                  SessionTokenVault::tokenText(token.key));
    if (!reply.ok()) {
        *error = tr("The server did not register this workstation: %1").arg(reply.describe());
        return false;
    }
    storage::WorkstationIdentity::Registration registration;
    registration.workstationId = reply.body.value(QStringLiteral("workstation_id")).toString();
    registration.venueId = reply.body.value(QStringLiteral("venue_id")).toString();
    registration.prefix = reply.body.value(QStringLiteral("prefix")).toString();
    registration.serverUrl = endpoint.baseUrl.toString();
    registration.caCertificatePem = QString::fromLatin1(endpoint.caCertificatePem);
    registration.serverCertificateSha256 = QString::fromLatin1(pinned);
    const QJsonObject block = reply.body.value(QStringLiteral("patron_numbers")).toObject();
    registration.patronNumbersFirst = block.value(QStringLiteral("first")).toInteger();
    registration.patronNumbersLast = block.value(QStringLiteral("last")).toInteger();
    if (registration.workstationId.isEmpty() || registration.prefix.isEmpty() || pinned.isEmpty()) {
        *error = tr("The server's registration reply is incomplete.");
        return false;
    }
    // No certificate (a revoked workstation): tickets stay signed with the workstation's key alone.
    if (reply.body.contains(QStringLiteral("ticket_certificate"))) {
        registration.ticketCertificate = certification.accept(
            reply.body.value(QStringLiteral("ticket_certificate")).toObject(), registration.workstationId,
            QByteArray::fromBase64(reply.body.value(QStringLiteral("ticket_public_key")).toString().toLatin1()), error);
        if (registration.ticketCertificate.isEmpty())
            return false;
    }
    m_staffId = signedIn.staff.value(QStringLiteral("id")).toString();
    const QString role = signedIn.staff.value(QStringLiteral("role")).toString();
    // Rows from before sync need an admin: the upload carries venue setup, which only an admin writes.
    QString uploadError;
    const qint64 toUpload = storage::InitialUpload(m_db).pendingRows(&uploadError);
    if (toUpload < 0) {
        *error = tr("The rows of this workstation could not be checked for the first upload: %1").arg(uploadError);
        return false;
    }
    if (toUpload > 0 && role != QLatin1String("admin")) {
        *error = tr("This workstation has %n row(s) from before sync that the server does not have yet; an "
                    "administrator must register it, so they are uploaded.",
                    nullptr, int(std::min<qint64>(toUpload, std::numeric_limits<int>::max())));
        return false;
    }
    // Staff before the registration is stored: a failure here leaves the workstation standalone, and registering
    // again is safe (the server returns the same workstation, the import reports what it already has).
    if (!carryStaffOver(&http, SessionTokenVault::tokenText(token.key), role, error))
        return false;
    // After the staff ids moved, so the uploaded rows name the server's accounts.
    bool stopped = false;
    if (!storage::InitialUpload(m_db).run(m_staffId, m_uploadProgress, &stopped, &uploadError)) {
        *error =
            stopped
                ? tr("The first upload was interrupted; register again to resume it.")
                : tr("The rows of this workstation could not be prepared for the first upload: %1").arg(uploadError);
        return false;
    }
    return storage::WorkstationIdentity(m_db).save(registration, error);
}

bool WorkstationRegistration::carryStaffOver(SyncHttpClient* http, const QByteArray& token, const QString& role,
                                             QString* error)
{
    m_notes.clear();
    QString readError;
    const std::optional<QList<storage::StaffRepository::Account>> local =
        storage::StaffRepository(m_db).accountsWithVerifiers(&readError);
    if (!local) {
        *error = tr("The staff accounts of this workstation could not be read: %1").arg(readError);
        return false;
    }
    QJsonArray directory;
    if (!local->isEmpty() && role == QLatin1String("admin")) {
        // The workstation's own accounts become the venue's, with their ids and verifiers (passwords carry over).
        QJsonArray staff;
        for (const storage::StaffRepository::Account& account : *local)
            staff.append(QJsonObject{{QStringLiteral("id"), account.member.id},
                                     {QStringLiteral("username"), account.member.username},
                                     {QStringLiteral("display_name"), account.member.displayName},
                                     {QStringLiteral("email"), account.member.email},
                                     {QStringLiteral("role"), core::StaffMember::roleCode(account.member.role)},
                                     {QStringLiteral("active"), account.active},
                                     {QStringLiteral("password_hash"), account.passwordHash}});
        const HttpResult imported =
            http->post(QStringLiteral("/v1/staff/import"), QJsonObject{{QStringLiteral("staff"), staff}}, token);
        if (!imported.ok()) {
            *error = tr("The server did not take this workstation's staff accounts: %1").arg(imported.describe());
            return false;
        }
        for (const QJsonValue& value : imported.body.value(QStringLiteral("existing")).toArray())
            m_notes << tr("%1 already has an account on the server: this workstation now uses that one (and its "
                          "password).")
                           .arg(value.toObject().value(QStringLiteral("username")).toString());
        for (const QJsonValue& value : imported.body.value(QStringLiteral("refused")).toArray())
            m_notes << tr("%1 was not taken by the server: %2")
                           .arg(value.toObject().value(QStringLiteral("username")).toString(),
                                value.toObject().value(QStringLiteral("reason")).toString());
        directory = imported.body.value(QStringLiteral("staff")).toArray();
        // The accounts the server made from this workstation's verifiers keep them (same password, same version).
        QStringList created;
        for (const QJsonValue& value : imported.body.value(QStringLiteral("created")).toArray())
            created << value.toObject().value(QStringLiteral("id")).toString();
        if (!storage::StaffDirectoryCache(m_db).adoptPasswordVersions(directory, created, &readError)) {
            *error = tr("The server's staff accounts could not be stored on this workstation: %1").arg(readError);
            return false;
        }
    } else {
        // A manager registers without uploading accounts (only an admin writes staff): local accounts the server
        // does not know stay behind, disabled, until an admin creates them there.
        const HttpResult listed = http->get(QStringLiteral("/v1/staff/directory"), QUrlQuery(), token);
        if (!listed.ok()) {
            *error = tr("The server's staff directory could not be read: %1").arg(listed.describe());
            return false;
        }
        directory = listed.body.value(QStringLiteral("staff")).toArray();
        if (!local->isEmpty())
            m_notes << tr("Only an administrator's registration uploads this workstation's staff accounts; those the "
                          "server does not have are disabled here until an administrator creates them.");
    }
    // Local ids of usernames the server already had become the server's ids (rows and waiting operations with
    // them); operations left before anyone signed in are the registering member's.
    if (!storage::StaffDirectoryCache(m_db).apply(directory, &readError) ||
        !storage::StaffDirectoryCache(m_db).attributeUnsignedOperations(m_staffId, &readError)) {
        *error = tr("The server's staff accounts could not be stored on this workstation: %1").arg(readError);
        return false;
    }
    return true;
}

std::optional<SyncEndpoint> WorkstationRegistration::storedEndpoint(QSqlDatabase db, QString* error)
{
    const std::optional<storage::WorkstationIdentity::Registration> registration =
        storage::WorkstationIdentity(db).load(error);
    if (!registration || registration->workstationId.isEmpty())
        return std::nullopt;
    SyncEndpoint endpoint;
    endpoint.baseUrl = QUrl(registration->serverUrl);
    endpoint.caCertificatePem = registration->caCertificatePem.toLatin1();
    endpoint.pinnedSha256 = registration->serverCertificateSha256.toLatin1();
    return endpoint;
}

} // namespace foyer::sync
