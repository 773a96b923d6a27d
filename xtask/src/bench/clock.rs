//! The clock the benchmark reads, and the median of its runs.

use std::time::Duration;

/// The median, in milliseconds.
pub(super) fn median(mut durations: Vec<Duration>) -> f64 {
    durations.sort();
    durations
        .get(durations.len() / 2)
        .map_or(0.0, |duration| duration.as_secs_f64() * 1000.0)
}

/// The CPU time of the benchmark's process where the platform gives it
/// (`CLOCK_PROCESS_CPUTIME_ID`: every thread's, so work the generator does
/// in parallel is counted in full, not hidden), so that other load on the
/// machine does not inflate the figures; wall-clock time elsewhere.
pub(super) enum Clock {
    #[cfg(unix)]
    Cpu(Duration),
    #[cfg_attr(unix, allow(dead_code))]
    Wall(std::time::Instant),
}

impl Clock {
    pub(super) const KIND: &str = if cfg!(unix) {
        "CPU time of the benchmark process, all threads"
    } else {
        "wall-clock time"
    };

    pub(super) fn start() -> Self {
        #[cfg(unix)]
        if let Some(now) = process_cpu_time() {
            return Clock::Cpu(now);
        }
        Clock::Wall(std::time::Instant::now())
    }

    pub(super) fn elapsed(&self) -> Duration {
        match self {
            #[cfg(unix)]
            Clock::Cpu(start) => process_cpu_time().unwrap_or(*start).saturating_sub(*start),
            Clock::Wall(start) => start.elapsed(),
        }
    }
}

#[cfg(unix)]
fn process_cpu_time() -> Option<Duration> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` only writes the `timespec` it is given.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    (status == 0).then(|| {
        Duration::new(
            u64::try_from(now.tv_sec).unwrap_or(0),
            u32::try_from(now.tv_nsec).unwrap_or(0),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_runs() {
        let ms = Duration::from_millis;
        assert_eq!(median(vec![ms(3), ms(1), ms(2)]), 2.0);
    }
}
