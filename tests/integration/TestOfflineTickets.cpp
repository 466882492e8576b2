// Tickets a registered workstation prints while the server is down verify with the venue's public key alone: the
// workstation's own key, certified by the venue at registration (FOYER2). All real: a PostgreSQL cluster, a
// foyer-server process over TLS, an encrypted workstation database, the session token in a real keychain, the PDF
// the box office prints (OrderTickets), read back with pdftoppm (poppler-utils) and zbarimg (zbar-tools), checked
// by core::TicketCode and by `foyer-server verify-ticket`. A standalone workstation keeps signing with its own key
// (FOYER1); a workstation registered without a certificate gets one at its next sync; a revoked one's tickets are
// refused.
#include "ApiClient.h"
#include "Database.h"
#include "KeyStore.h"
#include "PostgresCluster.h"
#include "QrCode.h"
#include "Repositories.h"
#include "ServerProcess.h"
#include "SessionTokenVault.h"
#include "SyncEngine.h"
#include "SyncHttpClient.h"
#include "TicketCertificate.h"
#include "TicketCertification.h"
#include "TicketCode.h"
#include "TicketSigner.h"
#include "UuidV7.h"
#include "WorkstationIdentity.h"
#include "WorkstationRegistration.h"
#include "order/OrderTickets.h"

#include <QJsonArray>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace foyer;

namespace {

const QByteArray adminPassword = QByteArrayLiteral("venue admin password 1");

QString run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        qWarning() << program << "failed:" << process.readAllStandardError();
    return QString::fromUtf8(process.readAllStandardOutput());
}

struct Workstation
{
    QString databaseId;
    std::unique_ptr<storage::Database> database;
    std::unique_ptr<storage::Repositories> repos;
    sync::SyncEndpoint endpoint;
};

} // namespace

class TestOfflineTickets : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PostgresCluster m_cluster;
    std::unique_ptr<ServerProcess> m_server;
    security::KeyStore m_keyStore{QStringLiteral("FoyerTicketTest")};
    Workstation m_window;
    Workstation m_standalone;
    QString m_workstationId;
    QString m_prefix;
    QByteArray m_venueKey;
    QString m_adminToken;
    QString m_printed; // the QR of a ticket printed offline

    void open(Workstation* workstation, const QString& name)
    {
        workstation->databaseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        storage::DatabaseError error;
        workstation->database =
            storage::Database::open(m_dir.filePath(name + QStringLiteral(".db")), QByteArray(32, name.at(0).toLatin1()),
                                    storage::Database::Mode::CreateNew, &error);
        QVERIFY2(workstation->database, qPrintable(error.message));
        workstation->repos = std::make_unique<storage::Repositories>(workstation->database->connection());
    }

    // The first page's QR code of the order's tickets as the box office prints them, read as a door scanner would.
    QString printAndScan(Workstation& workstation, const QString& ticketId, const QString& name)
    {
        core::OrderDraft order;
        order.id = core::UuidV7::generateText();
        order.confirmationNumber = QStringLiteral("A1-000042");
        core::OrderLineDraft line;
        line.id = ticketId;
        line.showTitle = QStringLiteral("The Tempest");
        line.performanceAt = QDateTime(QDate(2026, 12, 5), QTime(19, 30), Qt::UTC);
        line.seatLabel = QStringLiteral("Stalls H12");
        line.priceTypeName = QStringLiteral("Adult");
        line.listPriceMinor = 4500;
        order.lines = {line};
        const gui::OrderTickets tickets(workstation.repos.get(), order, QStringLiteral("Ada Lovelace"), {});
        const QString pdf = m_dir.filePath(name + QStringLiteral(".pdf"));
        QString error;
        if (!tickets.writePdf(pdf, &error)) {
            qWarning() << "writePdf:" << error;
            return {};
        }
        const QString image = m_dir.filePath(name);
        run(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("150"), QStringLiteral("-png"),
                                         QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                         QStringLiteral("1"), QStringLiteral("-singlefile"), pdf, image});
        return run(QStringLiteral("zbarimg"),
                   {QStringLiteral("--raw"), QStringLiteral("-q"), image + QStringLiteral(".png")})
            .trimmed();
    }

    int verifyTicket(const QString& qr, QByteArray* output)
    {
        return m_server->runCommand({QStringLiteral("verify-ticket"), qr}, {}, output);
    }

private slots:
    void initTestCase()
    {
        const QString started = m_cluster.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        const QString created = m_cluster.createDatabase(QStringLiteral("foyer"));
        QVERIFY2(created.isEmpty(), qPrintable(created));
        m_server = std::make_unique<ServerProcess>(m_cluster.host(), m_cluster.port(), QStringLiteral("foyer"),
                                                   m_cluster.user());
        QByteArray output;
        QVERIFY2(m_server->runCommand({QStringLiteral("migrate")}, {}, &output) == 0, output.constData());
        QVERIFY2(m_server->runCommand({QStringLiteral("create-admin"), QStringLiteral("--venue"),
                                       QStringLiteral("Ticket Venue"), QStringLiteral("--username"),
                                       QStringLiteral("admin")},
                                      adminPassword + '\n', &output) == 0,
                 output.constData());
        const QString serving = m_server->start();
        QVERIFY2(serving.isEmpty(), qPrintable(serving));

        open(&m_window, QStringLiteral("window"));
        open(&m_standalone, QStringLiteral("standalone"));
        m_window.endpoint.baseUrl = QUrl(m_server->baseUrl());
        m_window.endpoint.caCertificatePem = m_server->caCertificates().first().toPem();
        sync::WorkstationRegistration registration(m_window.database->connection(), m_window.databaseId, m_keyStore);
        QString problem;
        QVERIFY2(registration.registerWith(m_window.endpoint, QStringLiteral("admin"),
                                           core::SecureBuffer::copyOf(adminPassword), QStringLiteral("Window 1"),
                                           &problem),
                 qPrintable(problem));
        const std::optional<sync::SyncEndpoint> stored =
            sync::WorkstationRegistration::storedEndpoint(m_window.database->connection(), &problem);
        QVERIFY2(stored, qPrintable(problem));
        m_window.endpoint = *stored;

        // What a door scanner is given: the venue's public key (and, later, the revoked workstations).
        ApiClient api(m_server->baseUrl(), m_server->caCertificates());
        m_adminToken =
            api.post(QStringLiteral("/v1/sign-in"), {{QStringLiteral("username"), QStringLiteral("admin")},
                                                     {QStringLiteral("password"), QString::fromUtf8(adminPassword)}})
                .json.value(QStringLiteral("token"))
                .toString();
        m_venueKey = QByteArray::fromBase64(api.get(QStringLiteral("/v1/ticket-key"), m_adminToken)
                                                .json.value(QStringLiteral("public_key"))
                                                .toString()
                                                .toLatin1());
        QCOMPARE(m_venueKey.size(), 32);
    }

    void registrationStoresACertificateOfTheWorkstationsOwnKey()
    {
        QString error;
        const auto identity = storage::WorkstationIdentity(m_window.database->connection()).load(&error);
        QVERIFY2(identity, qPrintable(error));
        m_workstationId = identity->workstationId;
        m_prefix = identity->prefix;
        const auto certificate = core::TicketCertificate::decodeText(identity->ticketCertificate);
        QVERIFY2(certificate, qPrintable(identity->ticketCertificate));
        QCOMPARE(certificate->workstationId, m_workstationId);
        QCOMPARE(certificate->workstationPublicKey,
                 sync::TicketCertification(m_window.database->connection()).publicKey(&error));
        QVERIFY(certificate->isSignedBy(m_venueKey));
        // The secret half stays in the workstation's encrypted database: the server has only the public key.
        QVERIFY(!m_window.repos->settings
                     .value(QString::fromLatin1(storage::SettingsRepository::TicketSigningKey), QString(), &error)
                     .isEmpty());
    }

    void aTicketPrintedWhileTheServerIsDownVerifiesWithTheVenueKey()
    {
        m_server->stop();
        QVERIFY(!m_server->running());
        const QString ticketId = core::UuidV7::generateText();
        const QString scanned = printAndScan(m_window, ticketId, QStringLiteral("offline"));
        QVERIFY2(scanned.startsWith(QStringLiteral("FOYER2.") + ticketId + u'.'), qPrintable(scanned));
        // Still a QR code a scanner reads at a glance: at most version 13 (69 modules) at error correction M.
        QVERIFY2(scanned.size() <= 320, qPrintable(QString::number(scanned.size())));
        const int modules = reports::QrCode::encode(scanned).width() - 8; // less the quiet zone
        qInfo("FOYER2 QR: %d characters, %d modules", int(scanned.size()), modules);
        QVERIFY2(modules <= 69, qPrintable(QString::number(modules)));

        // A scanner that holds only the venue's public key.
        const core::TicketCode::Verification v =
            core::TicketCode::verify(scanned, m_venueKey, QDateTime::currentDateTimeUtc());
        QVERIFY2(v.valid(), qPrintable(v.problem));
        QCOMPARE(v.ticketId, ticketId);
        QCOMPARE(v.certificate->workstationId, m_workstationId);
        // The server's own check (its database, not its HTTP service) names the workstation.
        QByteArray out;
        QCOMPARE(verifyTicket(scanned, &out), 0);
        const QByteArray expected = "valid: " + ticketId.toLatin1() + "\nsigned by workstation " + m_prefix.toLatin1() +
                                    " (Window 1, " + m_workstationId.toLatin1() + ")";
        QVERIFY2(out.startsWith(expected), out.constData());

        // A copied ticket with another id, or a certificate with a byte changed, is refused.
        QString otherId = scanned;
        otherId.replace(ticketId, core::UuidV7::generateText());
        QCOMPARE(verifyTicket(otherId, &out), 1);
        QVERIFY(!core::TicketCode::verify(otherId, m_venueKey, QDateTime::currentDateTimeUtc()).valid());
        QString otherCertificate = scanned;
        const qsizetype at = scanned.indexOf(u'.', 7) + 60;
        otherCertificate[at] = otherCertificate.at(at) == u'A' ? u'B' : u'A';
        QCOMPARE(verifyTicket(otherCertificate, &out), 1);
        QVERIFY2(out.startsWith("invalid: the workstation certificate"), out.constData());
        m_printed = scanned;
    }

    void aStandaloneWorkstationSignsWithItsOwnKey()
    {
        const QString ticketId = core::UuidV7::generateText();
        const QString scanned = printAndScan(m_standalone, ticketId, QStringLiteral("standalone"));
        QVERIFY2(scanned.startsWith(QStringLiteral("FOYER1.") + ticketId + u'.'), qPrintable(scanned));
        QString error;
        const QByteArray own = sync::TicketCertification(m_standalone.database->connection()).publicKey(&error);
        QString id;
        QVERIFY(security::TicketSigner::verify(scanned, own, &id));
        QCOMPARE(id, ticketId);
        // Not the venue's: a scanner with the venue's key refuses it.
        QVERIFY(!core::TicketCode::verify(scanned, m_venueKey, QDateTime::currentDateTimeUtc()).valid());
        QByteArray out;
        QCOMPARE(verifyTicket(scanned, &out), 1);
    }

    void aWorkstationRegisteredWithoutACertificateGetsOneAtItsNextSync()
    {
        const QString serving = m_server->start();
        QVERIFY2(serving.isEmpty(), qPrintable(serving));
        // As a workstation registered before certificates were handed out.
        QSqlQuery remove(m_window.database->connection());
        QVERIFY(remove.exec(QStringLiteral("DELETE FROM workstation_setting WHERE name = 'ticket_certificate'")));
        const QString ticketId = core::UuidV7::generateText();
        QVERIFY(printAndScan(m_window, ticketId, QStringLiteral("uncertified")).startsWith(QStringLiteral("FOYER1.")));

        sync::SyncHttpClient http(m_window.endpoint);
        const security::KeyStore::Result token = sync::SessionTokenVault(m_window.databaseId, m_keyStore).read();
        QVERIFY2(token.ok(), qPrintable(token.message));
        const sync::SyncRound round =
            sync::SyncEngine(m_window.database->connection(), &http).run(sync::SessionTokenVault::tokenText(token.key));
        QVERIFY2(round.ok, qPrintable(round.problem));
        QString error;
        const auto identity = storage::WorkstationIdentity(m_window.database->connection()).load(&error);
        QVERIFY2(identity, qPrintable(error));
        QVERIFY(core::TicketCertificate::decodeText(identity->ticketCertificate));
        const QString again = printAndScan(m_window, ticketId, QStringLiteral("recertified"));
        QVERIFY2(core::TicketCode::verify(again, m_venueKey, QDateTime::currentDateTimeUtc()).valid(),
                 qPrintable(again));
        // A certificate with years left is not asked for again.
        const sync::SyncRound next =
            sync::SyncEngine(m_window.database->connection(), &http).run(sync::SessionTokenVault::tokenText(token.key));
        QVERIFY2(next.ok, qPrintable(next.problem));
        QCOMPARE(storage::WorkstationIdentity(m_window.database->connection()).load(&error)->ticketCertificate,
                 identity->ticketCertificate);
    }

    void aRevokedWorkstationsTicketsAreRefused()
    {
        QVERIFY(!m_printed.isEmpty());
        ApiClient api(m_server->baseUrl(), m_server->caCertificates());
        QCOMPARE(api.post(QStringLiteral("/v1/workstations/%1/revoke").arg(m_workstationId), {}, m_adminToken).status,
                 200);
        QByteArray out;
        QCOMPARE(verifyTicket(m_printed, &out), 1);
        QVERIFY2(out.contains("revoked"), out.constData());
        QSet<QString> revoked;
        for (const QJsonValue& id : api.get(QStringLiteral("/v1/ticket-key"), m_adminToken)
                                        .json.value(QStringLiteral("revoked_workstations"))
                                        .toArray())
            revoked.insert(id.toString());
        QVERIFY(revoked.contains(m_workstationId));
        QVERIFY(core::TicketCode::verify(m_printed, m_venueKey, QDateTime::currentDateTimeUtc(), revoked)
                    .problem.contains(QStringLiteral("revoked")));
    }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->stop();
        sync::SessionTokenVault(m_window.databaseId, m_keyStore).forget();
    }
};

QTEST_MAIN(TestOfflineTickets)
#include "TestOfflineTickets.moc"
