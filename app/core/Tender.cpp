#include "Tender.h"

#include "MoneyFormat.h"
#include "PayType.h"

#include <QRegularExpression>
#include <QVariant>

namespace foyer::core {

namespace {

constexpr qsizetype MaxReference = 64;

} // namespace

qint64 Tender::Payment::changeMinor() const
{
    return isCash() && tenderedMinor > dueMinor ? tenderedMinor - dueMinor : 0;
}

QList<Tender::Payment> Tender::due(const QMap<QString, qint64>& totalsByPayType)
{
    QList<Payment> out;
    for (const QString& code : PayType::codes()) {
        if (PayType::isMembership(code) || totalsByPayType.value(code) <= 0)
            continue;
        Payment payment;
        payment.payType = code;
        payment.dueMinor = totalsByPayType.value(code);
        out.append(payment);
    }
    return out;
}

bool Tender::passesLuhn(const QString& digits)
{
    int sum = 0;
    bool twice = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        if (!digits.at(i).isDigit())
            return false;
        int d = digits.at(i).digitValue();
        if (twice) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        twice = !twice;
    }
    return !digits.isEmpty() && sum % 10 == 0;
}

bool Tender::looksLikeCardNumber(const QString& text)
{
    // Digits with spaces or dashes between them read as one number, as a card's embossing does.
    static const QRegularExpression runs(QStringLiteral("\\d(?:[ -]?\\d)*"));
    for (auto it = runs.globalMatch(text); it.hasNext();) {
        QString digits = it.next().captured(0);
        digits.remove(u' ');
        digits.remove(u'-');
        if (digits.size() >= 13 && digits.size() <= 19 && passesLuhn(digits))
            return true;
    }
    return false;
}

QString Tender::problem(const Payment& payment)
{
    const QString label = PayType::label(payment.payType);
    if (payment.dueMinor <= 0)
        return tr("%1: nothing is due.").arg(label);
    if (payment.isCash()) {
        if (payment.tenderedMinor < payment.dueMinor)
            return tr("Cash: %1 tendered is short of %2 due by %3.")
                .arg(MoneyFormat::amount(payment.tenderedMinor), MoneyFormat::amount(payment.dueMinor),
                     MoneyFormat::amount(payment.dueMinor - payment.tenderedMinor));
        return {};
    }
    const QString reference = payment.reference.trimmed();
    if (payment.payType == QLatin1String("check")) {
        static const QRegularExpression checkNumber(QStringLiteral("^[0-9]{1,12}$"));
        if (reference.isEmpty())
            return tr("Check: type the check's number.");
        if (!checkNumber.match(reference).hasMatch())
            return tr("Check: the check number is 1 to 12 digits.");
        return {};
    }
    if (payment.payType == QLatin1String("credit_card") || payment.payType == QLatin1String("gift_card")) {
        if (reference.isEmpty())
            return tr("%1: type or scan the terminal's approval or reference code.").arg(label);
        // Checked before anything else about the text: a card number is never accepted, whatever else it holds.
        if (looksLikeCardNumber(reference))
            return tr("%1: that looks like a card number. Type the terminal's approval or reference code, never "
                      "the card's number.")
                .arg(label);
        static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_./:-]*$"));
        if (reference.size() > MaxReference || !token.match(reference).hasMatch())
            return tr("%1: the approval or reference code is letters, digits and - _ . / : only (at most %2).")
                .arg(label)
                .arg(MaxReference);
        return {};
    }
    return tr("%1 cannot be taken at the payment step.").arg(label);
}

QString Tender::check(const QList<Payment>& payments, const QMap<QString, qint64>& totalsByPayType)
{
    const QList<Payment> owed = due(totalsByPayType);
    for (const Payment& want : owed) {
        int found = 0;
        for (const Payment& payment : payments) {
            if (payment.payType != want.payType)
                continue;
            ++found;
            if (payment.dueMinor != want.dueMinor)
                return tr("%1: the amount due is now %2, not %3; take the payment again.")
                    .arg(PayType::label(want.payType), MoneyFormat::amount(want.dueMinor),
                         MoneyFormat::amount(payment.dueMinor));
        }
        if (found != 1)
            return found == 0 ? tr("%1: %2 is due and was not taken.")
                                    .arg(PayType::label(want.payType), MoneyFormat::amount(want.dueMinor))
                              : tr("%1 was taken more than once.").arg(PayType::label(want.payType));
    }
    for (const Payment& payment : payments) {
        bool owedType = false;
        for (const Payment& want : owed)
            owedType = owedType || want.payType == payment.payType;
        if (!owedType)
            return tr("%1: nothing is due.").arg(PayType::label(payment.payType));
        const QString why = problem(payment);
        if (!why.isEmpty())
            return why;
    }
    return {};
}

qint64 Tender::kept(qint64 amountMinor, const QVariant& tenderedMinor, const QVariant& changeMinor)
{
    if (tenderedMinor.isNull() || !tenderedMinor.isValid())
        return amountMinor;
    return tenderedMinor.toLongLong() - (changeMinor.isNull() ? 0 : changeMinor.toLongLong());
}

} // namespace foyer::core
