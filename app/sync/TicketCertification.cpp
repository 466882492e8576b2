#include "TicketCertification.h"

#include "SecureBuffer.h"
#include "SettingsRepository.h"
#include "SyncHttpClient.h"
#include "TicketCertificate.h"
#include "TicketSigner.h"
#include "WorkstationIdentity.h"

namespace foyer::sync {

TicketCertification::TicketCertification(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QByteArray TicketCertification::publicKey(QString* error)
{
    QString problem;
    QString hex = storage::SettingsRepository(m_db).secret(
        QString::fromLatin1(storage::SettingsRepository::TicketSigningKey),
        [] { return security::TicketSigner::generateSecretKeyHex(); }, &problem);
    const security::TicketSigner signer(hex);
    core::SecureBuffer::wipe(hex);
    if (!problem.isEmpty() || !signer.isValid()) {
        *error = problem.isEmpty() ? tr("The ticket-signing key of this workstation is damaged.") : problem;
        return {};
    }
    return signer.publicKey();
}

QString TicketCertification::accept(const QJsonObject& reply, const QString& workstationId,
                                    const QByteArray& venuePublicKey, QString* error)
{
    const QString text = reply.value(QStringLiteral("certificate")).toString();
    const std::optional<core::TicketCertificate> certificate = core::TicketCertificate::decodeText(text);
    if (!certificate) {
        *error = tr("The server sent no ticket certificate this workstation can read.");
        return {};
    }
    const QByteArray key = publicKey(error);
    if (key.isEmpty())
        return {};
    if (certificate->workstationPublicKey != key || certificate->workstationId != workstationId ||
        (!venuePublicKey.isEmpty() && !certificate->isSignedBy(venuePublicKey))) {
        *error = tr("The server's ticket certificate is not for this workstation's ticket key.");
        return {};
    }
    return text;
}

bool TicketCertification::needsRenewal(const QString& stored, const QDateTime& now, QString* error)
{
    const std::optional<core::TicketCertificate> certificate = core::TicketCertificate::decodeText(stored);
    if (!certificate)
        return true;
    const QByteArray key = publicKey(error);
    return !key.isEmpty() &&
           (certificate->workstationPublicKey != key || now.daysTo(certificate->expiresAt) < renewDays);
}

bool TicketCertification::renew(SyncHttpClient* http, const QByteArray& token, const QString& workstationId,
                                QString* error)
{
    const QByteArray key = publicKey(error);
    if (key.isEmpty())
        return false;
    const HttpResult reply =
        http->post(QStringLiteral("/v1/workstations/ticket-certificate"),
                   QJsonObject{{QStringLiteral("ticket_public_key"), QString::fromLatin1(key.toBase64())}}, token);
    if (!reply.ok()) {
        *error = tr("The server did not certify this workstation's ticket key: %1").arg(reply.describe());
        return false;
    }
    const QString certificate =
        accept(reply.body.value(QStringLiteral("ticket_certificate")).toObject(), workstationId, QByteArray(), error);
    return !certificate.isEmpty() && storage::WorkstationIdentity(m_db).setTicketCertificate(certificate, error);
}

} // namespace foyer::sync
