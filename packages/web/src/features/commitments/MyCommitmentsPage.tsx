import { Button, Result } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.ts';
import { CadreYearView } from './CadreYearView.tsx';

/** 我的承诺: the signed-in cadre's own commitments and year-end report (phone first). */
export default function MyCommitmentsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const memberId = (me.user as unknown as { memberId?: number | null }).memberId ?? null;
  const year = Number(params.get('year')) || new Date().getFullYear();
  if (!memberId) {
    return (
      <Result
        status="info"
        title={t('commitments.mine.noMember')}
        subTitle={t('commitments.mine.noMemberHint')}
        extra={
          <Link to="/commitments">
            <Button type="primary" size="large" data-testid="commitments-mine-board">
              {t('commitments.board.nav')}
            </Button>
          </Link>
        }
        data-testid="commitments-mine-nolink"
      />
    );
  }
  return (
    <CadreYearView
      memberId={memberId}
      year={year}
      onYear={(y) => setParams({ year: String(y) }, { replace: true })}
      notFound={
        <Result
          status="info"
          title={t('commitments.mine.notCadre')}
          subTitle={t('commitments.mine.notCadreHint')}
          extra={
            <Link to="/commitments">
              <Button type="primary" size="large">
                {t('commitments.board.nav')}
              </Button>
            </Link>
          }
          data-testid="commitments-mine-notcadre"
        />
      }
    />
  );
}
