import { useNavigate, useParams } from 'react-router';
import { CadreYearView } from './CadreYearView.tsx';

/** A cadre's commitments and report, as the members and the levels above read them. */
export default function CadrePage() {
  const navigate = useNavigate();
  const memberId = Number(useParams().memberId);
  const year = Number(useParams().year);
  return <CadreYearView memberId={memberId} year={year} onYear={(y) => navigate(`/commitments/cadre/${memberId}/${y}`, { replace: true })} />;
}
