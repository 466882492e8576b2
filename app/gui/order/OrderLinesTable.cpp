#include "OrderLinesTable.h"

#include "Clock.h"
#include "MoneyText.h"
#include "PayType.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QTableWidget>

namespace foyer::gui {

namespace {

// "40.50 FRIEND10": the price, and the discount that made it so.
QString priceText(const core::OrderLineDraft& line)
{
    const QString amount = MoneyText::amount(line.priceMinor());
    return line.discountCode.isEmpty() || core::PayType::isMembership(line.payType) ? amount
                                                                                    : amount + u' ' + line.discountCode;
}

} // namespace

OrderLinesTable::OrderLinesTable(QTableWidget* table, storage::Repositories* repos, core::OrderDraft& order,
                                 MemberPasswords& passwords, bool memberAuthentication,
                                 std::function<void(const QString&)> onProblem, std::function<void()> onChanged)
    : m_table(table)
    , m_repos(repos)
    , m_order(order)
    , m_passwords(passwords)
    , m_memberAuthentication(memberAuthentication)
    , m_onProblem(std::move(onProblem))
    , m_onChanged(std::move(onChanged))
{
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Seat"), tr("Performance"), tr("Price type"), tr("Pay type"),
                                        tr("Membership #"), tr("Member email"), tr("Password"), tr("Price"),
                                        tr("Problem")});
    m_table->setColumnHidden(MemberEmailColumn, !m_memberAuthentication);
    m_table->setColumnHidden(MemberPasswordColumn, !m_memberAuthentication);
    QObject::connect(m_table, &QTableWidget::itemChanged, m_table, [this](QTableWidgetItem* item) {
        if (m_filling || item->column() != MembershipColumn)
            return;
        const int index = lineIndex(item->data(Qt::UserRole).toString());
        if (index >= 0)
            m_order.lines[index].membershipNumber = item->text().trimmed();
    });
}

void OrderLinesTable::setEditable(bool editable)
{
    for (int r = 0; r < m_table->rowCount(); ++r)
        for (int c : {PriceTypeColumn, PayTypeColumn, MemberEmailColumn, MemberPasswordColumn})
            if (QWidget* cell = m_table->cellWidget(r, c))
                cell->setEnabled(editable);
}

int OrderLinesTable::lineIndex(const QString& lineId) const
{
    for (int i = 0; i < m_order.lines.size(); ++i)
        if (m_order.lines.at(i).id == lineId)
            return i;
    return -1;
}

QList<storage::VenueRepository::PriceType> OrderLinesTable::priceTypesFor(const QString& showId)
{
    if (!m_priceTypes.contains(showId)) {
        QString readError;
        const QList<storage::VenueRepository::PriceType> read = m_repos->venue.priceTypes(showId, &readError);
        if (!readError.isEmpty()) {
            // Not cached: the next look tries again.
            m_onProblem(tr("The price types could not be read: %1").arg(readError));
            return {};
        }
        m_priceTypes.insert(showId, read);
    }
    return m_priceTypes.value(showId);
}

void OrderLinesTable::fill()
{
    // Benefits price the lines and say which seats this patron may not buy yet (an open order only: a confirmed
    // one keeps the prices it was sold at).
    if (m_order.internalStatus == QLatin1String("open"))
        priceLines();
    m_filling = true;
    QTableWidget* table = m_table;
    const int current = table->currentRow();
    table->setRowCount(int(m_order.lines.size()));
    for (int r = 0; r < m_order.lines.size(); ++r) {
        const core::OrderLineDraft& line = m_order.lines.at(r);
        const QString lineId = line.id;
        const auto readOnly = [&](int column, const QString& text) {
            auto* item = new QTableWidgetItem(text);
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            table->setItem(r, column, item);
            return item;
        };
        readOnly(PerformanceColumn,
                 QLocale().toString(core::Clock::atVenue(line.performanceAt), QStringLiteral("d MMM HH:mm")))
            ->setToolTip(tr("%1, %2").arg(line.showTitle, MoneyText::localTime(line.performanceAt)));
        readOnly(SeatColumn, line.seatLabel);

        auto* priceType = new QComboBox;
        priceType->setAccessibleName(tr("Price type for %1").arg(line.seatLabel));
        for (const auto& p : priceTypesFor(line.showId))
            priceType->addItem(tr("%1 (%2)").arg(p.name, MoneyText::amount(p.priceMinor)), p.id);
        priceType->setCurrentIndex(std::max(0, priceType->findData(line.priceTypeId)));
        QObject::connect(priceType, &QComboBox::currentIndexChanged, m_table, [this, lineId, priceType] {
            const int index = lineIndex(lineId);
            if (index < 0)
                return;
            core::OrderLineDraft& l = m_order.lines[index];
            for (const auto& p : priceTypesFor(l.showId))
                if (p.id == priceType->currentData().toString()) {
                    l.priceTypeId = p.id;
                    l.priceTypeName = p.name;
                    l.listPriceMinor = p.priceMinor;
                }
            updateRow(index);
        });
        table->setCellWidget(r, PriceTypeColumn, priceType);

        auto* payType = new QComboBox;
        payType->setObjectName(QStringLiteral("payType%1").arg(r));
        payType->setAccessibleName(tr("Pay type for %1").arg(line.seatLabel));
        for (const QString& code : core::PayType::codes())
            payType->addItem(core::PayType::label(code), code);
        payType->setCurrentIndex(std::max(0, payType->findData(line.payType)));
        QObject::connect(payType, &QComboBox::currentIndexChanged, m_table, [this, lineId, payType] {
            const int index = lineIndex(lineId);
            if (index < 0)
                return;
            m_order.lines[index].payType = payType->currentData().toString();
            m_order.lines[index].error.clear();
            updateRow(index);
        });
        table->setCellWidget(r, PayTypeColumn, payType);

        const bool membership = core::PayType::isMembership(line.payType);
        auto* number = new QTableWidgetItem(line.membershipNumber);
        number->setData(Qt::UserRole, lineId);
        if (!membership)
            number->setFlags(number->flags() & ~(Qt::ItemIsEditable | Qt::ItemIsEnabled));
        table->setItem(r, MembershipColumn, number);
        if (m_memberAuthentication) {
            auto* email = new QLineEdit(line.memberEmail);
            email->setObjectName(QStringLiteral("memberEmail%1").arg(r));
            email->setEnabled(membership);
            email->setAccessibleName(tr("Member email for %1").arg(line.seatLabel));
            QObject::connect(email, &QLineEdit::textEdited, m_table, [this, lineId](const QString& text) {
                if (const int index = lineIndex(lineId); index >= 0)
                    m_order.lines[index].memberEmail = text;
            });
            table->setCellWidget(r, MemberEmailColumn, email);
            QLineEdit* password = m_passwords.createField(lineId, line.seatLabel, r);
            password->setEnabled(membership);
            table->setCellWidget(r, MemberPasswordColumn, password);
        }
        QTableWidgetItem* price = readOnly(PriceColumn, priceText(line));
        price->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QTableWidgetItem* problem = readOnly(ProblemColumn, line.problem());
        problem->setForeground(QColor(0xa4, 0x00, 0x00));
    }
    table->resizeColumnsToContents();
    // The problem column takes what is left and wraps, so a row's error is always in view beside its seat.
    table->horizontalHeader()->setSectionResizeMode(ProblemColumn, QHeaderView::Stretch);
    table->setWordWrap(true);
    table->resizeRowsToContents();
    if (current >= 0 && current < table->rowCount())
        table->selectRow(current);
    m_filling = false;
    m_onChanged();
}

void OrderLinesTable::updateRow(int index)
{
    // A pay type or price type changes what a discount gives: re-price, then refresh every row's price and problem.
    priceLines();
    for (int row = 0; row < m_order.lines.size(); ++row) {
        if (QTableWidgetItem* price = m_table->item(row, PriceColumn))
            price->setText(priceText(m_order.lines.at(row)));
        if (QTableWidgetItem* problem = m_table->item(row, ProblemColumn))
            problem->setText(m_order.lines.at(row).problem());
    }
    m_filling = true;
    const core::OrderLineDraft& line = m_order.lines.at(index);
    const bool membership = core::PayType::isMembership(line.payType);
    QTableWidget* table = m_table;
    if (QTableWidgetItem* number = table->item(index, MembershipColumn)) {
        number->setFlags(membership ? number->flags() | Qt::ItemIsEditable | Qt::ItemIsEnabled
                                    : number->flags() & ~(Qt::ItemIsEditable | Qt::ItemIsEnabled));
        if (membership && number->text().isEmpty())
            table->setCurrentItem(number); // the membership number is what staff type next
    }
    for (int column : {MemberEmailColumn, MemberPasswordColumn})
        if (QWidget* field = table->cellWidget(index, column))
            field->setEnabled(membership);
    if (QTableWidgetItem* price = table->item(index, PriceColumn))
        price->setText(priceText(line));
    if (QTableWidgetItem* problem = table->item(index, ProblemColumn))
        problem->setText(line.problem());
    m_filling = false;
    m_onChanged();
}

void OrderLinesTable::priceLines()
{
    QString error;
    if (!m_repos->orders.applyBenefits(m_order, core::Clock::currentDateTimeUtc(), &error))
        m_onProblem(tr("The prices and sale checks could not be read: %1").arg(error));
}

} // namespace foyer::gui
